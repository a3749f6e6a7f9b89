package health.rapport.sandbox.fhir;

import ca.uhn.fhir.batch2.jobs.config.Batch2JobsConfig;
import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.context.support.IValidationSupport;
import ca.uhn.fhir.jpa.api.config.JpaStorageSettings;
import health.rapport.sandbox.ehr.AuthorizeServlet;
import health.rapport.sandbox.ehr.EhrServlet;
import health.rapport.sandbox.ehr.IntrospectionServlet;
import health.rapport.sandbox.ehr.SandboxEhr;
import health.rapport.sandbox.ehr.SmartAuthorization;
import health.rapport.sandbox.ehr.SmartSearchNarrowing;
import health.rapport.sandbox.ehr.SmartConfigurationServlet;
import health.rapport.sandbox.ehr.TokenServlet;
import ca.uhn.fhir.jpa.api.config.ThreadPoolFactoryConfig;
import ca.uhn.fhir.jpa.api.dao.IFhirSystemDao;
import ca.uhn.fhir.jpa.batch2.JpaBatch2Config;
import ca.uhn.fhir.jpa.config.HapiJpaConfig;
import ca.uhn.fhir.jpa.config.r4.JpaR4Config;
import ca.uhn.fhir.jpa.config.util.HapiEntityManagerFactoryUtil;
import ca.uhn.fhir.jpa.model.config.PartitionSettings;
import ca.uhn.fhir.jpa.model.config.SubscriptionSettings;
import ca.uhn.fhir.jpa.provider.IJpaSystemProvider;
import ca.uhn.fhir.jpa.provider.JpaCapabilityStatementProvider;
import ca.uhn.fhir.jpa.search.DatabaseBackedPagingProvider;
import ca.uhn.fhir.jpa.subscription.channel.config.SubscriptionChannelConfig;
import ca.uhn.fhir.jpa.subscription.match.config.SubscriptionProcessorConfig;
import ca.uhn.fhir.jpa.subscription.match.deliver.email.IEmailSender;
import ca.uhn.fhir.jpa.subscription.submit.config.SubscriptionSubmitterConfig;
import ca.uhn.fhir.rest.api.EncodingEnum;
import ca.uhn.fhir.rest.server.IncomingRequestAddressStrategy;
import ca.uhn.fhir.rest.server.RestfulServer;
import ca.uhn.fhir.rest.server.provider.ResourceProviderFactory;
import ca.uhn.fhir.rest.server.util.ISearchParamRegistry;
import com.zaxxer.hikari.HikariDataSource;
import jakarta.persistence.EntityManagerFactory;
import org.hibernate.boot.model.naming.CamelCaseToUnderscoresNamingStrategy;
import org.hibernate.cfg.AvailableSettings;
import org.hl7.fhir.dstu2.model.Subscription.SubscriptionChannelType;
import org.springframework.beans.factory.config.ConfigurableListableBeanFactory;
import org.springframework.boot.autoconfigure.ImportAutoConfiguration;
import org.springframework.boot.autoconfigure.context.PropertyPlaceholderAutoConfiguration;
import org.springframework.boot.autoconfigure.web.embedded.EmbeddedWebServerFactoryCustomizerAutoConfiguration;
import org.springframework.boot.autoconfigure.web.servlet.ServletWebServerFactoryAutoConfiguration;
import org.springframework.boot.orm.jpa.hibernate.SpringImplicitNamingStrategy;
import org.springframework.boot.web.servlet.ServletRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Import;
import org.springframework.context.annotation.Primary;
import org.springframework.orm.jpa.JpaTransactionManager;
import org.springframework.orm.jpa.LocalContainerEntityManagerFactoryBean;
import org.springframework.transaction.annotation.EnableTransactionManagement;

import javax.sql.DataSource;
import java.util.HashMap;
import java.util.Map;

/**
 * The Spring context of the sandbox FHIR server: HAPI FHIR JPA (R4) on embedded Tomcat.
 *
 * <p>Only the auto-configurations listed here are applied (no classpath scanning, no
 * {@code @EnableAutoConfiguration}): HAPI's jars bring springdoc, Thymeleaf, Elasticsearch and
 * others whose auto-configurations must stay off.
 */
@Configuration(proxyBeanMethods = false)
@EnableTransactionManagement
@ImportAutoConfiguration({
        PropertyPlaceholderAutoConfiguration.class,
        ServletWebServerFactoryAutoConfiguration.class,
        EmbeddedWebServerFactoryCustomizerAutoConfiguration.class})
@Import({
        JpaR4Config.class,
        HapiJpaConfig.class,
        JpaBatch2Config.class,
        Batch2JobsConfig.class,
        SubscriptionSubmitterConfig.class,
        SubscriptionProcessorConfig.class,
        SubscriptionChannelConfig.class,
        ThreadPoolFactoryConfig.class})
class FhirServerApplication {

    /** Name of the singleton {@link Database} registered before the context refreshes. */
    static final String DATABASE_BEAN = "rapportFhirDatabase";

    /** Name of the singleton {@link SandboxEhr} (SMART authorisation, chart page) registered likewise. */
    static final String EHR_BEAN = "rapportSandboxEhr";

    @Bean
    JpaStorageSettings jpaStorageSettings() {
        JpaStorageSettings settings = new JpaStorageSettings();
        // HAPI's shipped default stays: an identical search within 60 s is answered from the earlier
        // result set (reuse_cached_search_results_millis). Hospitals run it that way, so Rapport (and
        // this sandbox's EHR) ask for current results with Cache-Control: no-cache instead.
        settings.setAllowExternalReferences(true);
        // Conditional create (If-None-Exist), conditional update and If-Match versioned updates are
        // HAPI defaults (the tests prove them); match URLs inside references ("Patient?identifier=…")
        // are stated explicitly because transactions from Rapport may use them.
        settings.setAllowInlineMatchUrlReferences(true);
        return settings;
    }

    @Bean
    SubscriptionSettings subscriptionSettings() {
        SubscriptionSettings settings = new SubscriptionSettings();
        settings.addSupportedSubscriptionType(SubscriptionChannelType.RESTHOOK);
        return settings;
    }

    /** Required by HAPI's subscription delivery; email is not a supported channel here. */
    @Bean
    IEmailSender emailSender() {
        return details -> {
            throw new UnsupportedOperationException("The sandbox FHIR server sends no email");
        };
    }

    @Bean
    PartitionSettings partitionSettings() {
        return new PartitionSettings();
    }

    @Bean(destroyMethod = "close")
    HikariDataSource dataSource(ConfigurableListableBeanFactory beanFactory) {
        Database database = beanFactory.getBean(DATABASE_BEAN, Database.class);
        HikariDataSource dataSource = new HikariDataSource();
        dataSource.setPoolName("rapport-fhir");
        dataSource.setDriverClassName(database.driverClassName());
        dataSource.setJdbcUrl(database.url());
        dataSource.setUsername(database.user());
        dataSource.setPassword(database.password());
        dataSource.setMaximumPoolSize(10);
        return dataSource;
    }

    @Primary
    @Bean
    LocalContainerEntityManagerFactoryBean entityManagerFactory(
            ConfigurableListableBeanFactory beanFactory,
            DataSource dataSource,
            FhirContext fhirContext,
            JpaStorageSettings storageSettings) {
        Database database = beanFactory.getBean(DATABASE_BEAN, Database.class);
        LocalContainerEntityManagerFactoryBean factory =
                HapiEntityManagerFactoryUtil.newEntityManagerFactory(beanFactory, fhirContext, storageSettings);
        Map<String, Object> jpa = new HashMap<>();
        jpa.put(AvailableSettings.DIALECT, database.dialectClassName());
        jpa.put(AvailableSettings.HBM2DDL_AUTO, "update");
        jpa.put(AvailableSettings.SCANNER, "org.hibernate.boot.archive.scan.internal.DisabledScanner");
        jpa.put(AvailableSettings.IMPLICIT_NAMING_STRATEGY, SpringImplicitNamingStrategy.class.getName());
        jpa.put(AvailableSettings.PHYSICAL_NAMING_STRATEGY, CamelCaseToUnderscoresNamingStrategy.class.getName());
        jpa.put(AvailableSettings.FORMAT_SQL, "false");
        jpa.put(AvailableSettings.SHOW_SQL, "false");
        jpa.put(AvailableSettings.STATEMENT_BATCH_SIZE, "20");
        jpa.put(AvailableSettings.USE_QUERY_CACHE, "false");
        jpa.put(AvailableSettings.USE_SECOND_LEVEL_CACHE, "false");
        jpa.put(AvailableSettings.USE_STRUCTURED_CACHE, "false");
        jpa.put(AvailableSettings.USE_MINIMAL_PUTS, "false");
        // No Lucene/Elasticsearch full-text indexing.
        jpa.put("hibernate.search.enabled", "false");
        factory.setPersistenceUnitName("HAPI_PU");
        factory.setJpaPropertyMap(jpa);
        factory.setDataSource(dataSource);
        return factory;
    }

    @Primary
    @Bean
    JpaTransactionManager transactionManager(EntityManagerFactory entityManagerFactory) {
        return new JpaTransactionManager(entityManagerFactory);
    }

    /**
     * HAPI's {@link RestfulServer} with the JPA resource providers at {@code /fhir/*}. It is created
     * here, not as a bean of its own, so Spring Boot does not register it a second time.
     */
    @Bean
    ServletRegistrationBean<RestfulServer> fhirServlet(
            ConfigurableListableBeanFactory beanFactory,
            IFhirSystemDao<?, ?> systemDao,
            ResourceProviderFactory resourceProviders,
            IJpaSystemProvider systemProvider,
            JpaStorageSettings storageSettings,
            ISearchParamRegistry searchParamRegistry,
            IValidationSupport validationSupport,
            DatabaseBackedPagingProvider pagingProvider,
            ca.uhn.fhir.jpa.api.dao.DaoRegistry daoRegistry) {
        RestfulServer server = new RestfulServer(systemDao.getContext());
        server.registerProviders(resourceProviders.createProviders());
        server.registerProvider(systemProvider);
        JpaCapabilityStatementProvider capabilities = new JpaCapabilityStatementProvider(
                server, systemDao, storageSettings, searchParamRegistry, validationSupport);
        capabilities.setImplementationDescription("Rapport sandbox FHIR server (HAPI FHIR JPA)");
        server.setServerConformanceProvider(capabilities);
        server.setPagingProvider(pagingProvider);
        server.setDefaultResponseEncoding(EncodingEnum.JSON);
        server.setServerAddressStrategy(new IncomingRequestAddressStrategy());
        // SMART scopes and the patient compartment of each token; no token: the EHR's internal access.
        SandboxEhr ehr = beanFactory.getBean(EHR_BEAN, SandboxEhr.class);
        server.registerInterceptor(new SmartSearchNarrowing(ehr.authorizer()));
        server.registerInterceptor(new SmartAuthorization(ehr.authorizer(),
                new health.rapport.sandbox.ehr.CareRelationships(daoRegistry)));

        ServletRegistrationBean<RestfulServer> registration = new ServletRegistrationBean<>(server, "/fhir/*");
        registration.setName("fhir");
        registration.setLoadOnStartup(1);
        return registration;
    }

    /** SMART discovery at the FHIR base; more specific than {@code /fhir/*}, so HAPI never sees it. */
    @Bean
    ServletRegistrationBean<SmartConfigurationServlet> smartConfiguration(ConfigurableListableBeanFactory beanFactory) {
        SandboxEhr ehr = beanFactory.getBean(EHR_BEAN, SandboxEhr.class);
        return named(new ServletRegistrationBean<>(new SmartConfigurationServlet(ehr), "/fhir/.well-known/smart-configuration"),
                "smartConfiguration");
    }

    @Bean
    ServletRegistrationBean<AuthorizeServlet> smartAuthorize(ConfigurableListableBeanFactory beanFactory) {
        SandboxEhr ehr = beanFactory.getBean(EHR_BEAN, SandboxEhr.class);
        return named(new ServletRegistrationBean<>(new AuthorizeServlet(ehr.authorizer()), "/auth/authorize"), "smartAuthorize");
    }

    @Bean
    ServletRegistrationBean<TokenServlet> smartToken(ConfigurableListableBeanFactory beanFactory) {
        SandboxEhr ehr = beanFactory.getBean(EHR_BEAN, SandboxEhr.class);
        return named(new ServletRegistrationBean<>(new TokenServlet(ehr.authorizer()), "/auth/token"), "smartToken");
    }

    @Bean
    ServletRegistrationBean<IntrospectionServlet> smartIntrospect(ConfigurableListableBeanFactory beanFactory) {
        SandboxEhr ehr = beanFactory.getBean(EHR_BEAN, SandboxEhr.class);
        return named(new ServletRegistrationBean<>(new IntrospectionServlet(ehr.authorizer()), "/auth/introspect"),
                "smartIntrospect");
    }

    @Bean
    ServletRegistrationBean<EhrServlet> ehrPages(ConfigurableListableBeanFactory beanFactory, FhirContext fhirContext) {
        SandboxEhr ehr = beanFactory.getBean(EHR_BEAN, SandboxEhr.class);
        return named(new ServletRegistrationBean<>(new EhrServlet(ehr, fhirContext), "/ehr/*"), "ehr");
    }

    private static <S extends jakarta.servlet.Servlet> ServletRegistrationBean<S> named(
            ServletRegistrationBean<S> registration, String name) {
        registration.setName(name);
        return registration;
    }
}
