package health.rapport.sandbox.osgi;

import java.util.List;

/**
 * Packages the system bundle exports from the sandbox's own class path, so that the host
 * (and the integration tests running in it) share these classes with the bundles:
 * <ul>
 * <li>slf4j: the bundles log into the host's logging (logback), as in most
 *     production hosts, which provide slf4j themselves;</li>
 * <li>the OSGi service APIs the host drives or inspects (Config Admin, Declarative
 *     Services runtime, Servlet runtime, Metatype) and the promise/function utilities SCR
 *     needs. An IT host installs these as the API bundles named in the README.</li>
 * </ul>
 */
final class SystemPackages {

    private static final List<String> EXTRA = List.of(
            "org.slf4j;version=2.0.16",
            "org.slf4j.spi;version=2.0.16",
            "org.slf4j.event;version=2.0.16",
            "org.slf4j.helpers;version=2.0.16",
            "org.osgi.service.cm;version=1.6.1",
            "org.osgi.service.component;version=1.5.1",
            "org.osgi.service.component.runtime;version=1.5.1",
            "org.osgi.service.component.runtime.dto;version=1.5.1",
            "org.osgi.service.servlet.runtime;version=2.0.0",
            "org.osgi.service.servlet.runtime.dto;version=2.0.0",
            "org.osgi.service.metatype;version=1.4.1",
            "org.osgi.util.promise;version=1.3.0",
            "org.osgi.util.function;version=1.2.0");

    private SystemPackages() {
    }

    static String extra() {
        return String.join(",", EXTRA);
    }
}
