package health.rapport.benchmarks;

import java.io.BufferedInputStream;
import java.io.DataInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.RandomAccessFile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The shortest path from a GC root to every instance of a class in an HPROF heap dump, field by
 * field: what keeps an old bundle class loader alive after an update (issue 15, UpdateLeakTest
 * writes the dump with {@code -Drapport.heapDump=<file>}). The JDK no longer ships {@code jhat}, and
 * no heap-dump parser is available to this build, so this reads the format itself (HPROF 1.0.2 as
 * HotSpot writes it). Weak, phantom and final (finalizer) referents are not followed, soft ones are:
 * a softly reachable loader survives {@code System.gc()} and so fails the weak-reference check.
 *
 * <p>{@code benchmarks/run.sh heap-paths <dump.hprof> [class name, default Felix's BundleClassLoader [root ids
 * to leave out, hex]]},
 * or without a build: {@code java -Xmx4g benchmarks/src/main/java/health/rapport/benchmarks/HeapPaths.java <dump>}.
 */
public final class HeapPaths {

    private static final String DEFAULT_TARGET = "org.apache.felix.framework.BundleWiringImpl$BundleClassLoader";
    private static final int OBJECT = 2;

    private final Path file;
    private int idSize;
    private final Map<Long, String> strings = new HashMap<>();
    private final Map<Long, String> classNames = new HashMap<>();
    private final Map<Long, ClassInfo> classes = new HashMap<>();
    private final IdIndex index = new IdIndex();
    private long[] offsets = new long[1 << 20];
    private long[] classOf = new long[1 << 20];
    private byte[] kinds = new byte[1 << 20];
    private int count;
    private final List<long[]> roots = new ArrayList<>();
    private int[] edgeStart;
    private int[] edges = new int[1 << 22];
    private int edgeCount;

    private static final byte INSTANCE = 1;
    private static final byte OBJECT_ARRAY = 2;
    private static final byte PRIMITIVE_ARRAY = 3;
    private static final byte CLASS = 4;

    private record Field(long name, int type) {
    }

    private record ClassInfo(long id, long superId, long loader, long[] staticNames, long[] staticValues, Field[] fields) {
    }

    private HeapPaths(Path file) {
        this.file = file;
    }

    public static void main(String[] args) throws IOException {
        if (args.length < 1) {
            System.err.println("usage: HeapPaths <dump.hprof> [class name [root ids to ignore, hex]]");
            System.exit(2);
        }
        HeapPaths heap = new HeapPaths(Path.of(args[0]));
        heap.read();
        long[] ignored = Arrays.stream(args).skip(2).mapToLong(id -> Long.parseUnsignedLong(id, 16)).toArray();
        heap.printPaths(args.length > 1 ? args[1] : DEFAULT_TARGET, ignored);
    }

    private void read() throws IOException {
        scan(false);
        edgeStart = new int[count + 1];
        scan(true);
        edgeStart[count] = edgeCount;
    }

    /** First pass: names, classes, roots and every object's id; second: the references of each object. */
    private void scan(boolean references) throws IOException {
        int object = 0;
        try (CountingInput in = CountingInput.of(new BufferedInputStream(Files.newInputStream(file), 1 << 20))) {
            while (in.readByte() != 0) {
                // the version string, up to its terminating zero
            }
            idSize = in.readInt();
            in.readLong();
            while (true) {
                int tag;
                try {
                    tag = in.readUnsignedByte();
                } catch (EOFException end) {
                    break;
                }
                in.readInt();
                long length = in.readInt() & 0xffffffffL;
                if (tag == 0x01 && !references) {
                    long id = in.id(idSize);
                    byte[] text = new byte[(int) length - idSize];
                    in.readFully(text);
                    strings.put(id, new String(text, java.nio.charset.StandardCharsets.UTF_8));
                } else if (tag == 0x02 && !references) {
                    in.readInt();
                    long classId = in.id(idSize);
                    in.readInt();
                    classNames.put(classId, strings.getOrDefault(in.id(idSize), "?").replace('/', '.'));
                } else if (tag == 0x0C || tag == 0x1C) {
                    object = heapSegment(in, in.position() + length, references, object);
                } else {
                    in.skipFully(length);
                }
            }
        }
    }

    private int heapSegment(CountingInput in, long end, boolean references, int object) throws IOException {
        while (in.position() < end) {
            long start = in.position();
            int sub = in.readUnsignedByte();
            switch (sub) {
                case 0xFF, 0x05, 0x07 -> root(references, sub, in.id(idSize));
                case 0x01 -> {
                    root(references, sub, in.id(idSize));
                    in.id(idSize);
                }
                case 0x02, 0x03, 0x08 -> {
                    root(references, sub, in.id(idSize));
                    in.readInt();
                    in.readInt();
                }
                case 0x04, 0x06 -> {
                    root(references, sub, in.id(idSize));
                    in.readInt();
                }
                case 0x20 -> {
                    ClassInfo info = classDump(in);
                    if (references) {
                        edgeStart[object] = edgeCount;
                        edge(info.superId);
                        edge(info.loader);
                        for (long value : info.staticValues) {
                            edge(value);
                        }
                    } else {
                        classes.put(info.id, info);
                        add(info.id, start, 0, CLASS);
                    }
                    object++;
                }
                case 0x21 -> {
                    long id = in.id(idSize);
                    in.readInt();
                    long classId = in.id(idSize);
                    int size = in.readInt();
                    if (references) {
                        edgeStart[object] = edgeCount;
                        edge(classId);
                        byte[] values = new byte[size];
                        in.readFully(values);
                        forEachReference(classId, values, (name, value) -> {
                            if (!skipped(classId, name)) {
                                edge(value);
                            }
                        });
                    } else {
                        in.skipFully(size);
                        add(id, start, classId, INSTANCE);
                    }
                    object++;
                }
                case 0x22 -> {
                    long id = in.id(idSize);
                    in.readInt();
                    int length = in.readInt();
                    long classId = in.id(idSize);
                    if (references) {
                        edgeStart[object] = edgeCount;
                        edge(classId);
                        for (int i = 0; i < length; i++) {
                            edge(in.id(idSize));
                        }
                    } else {
                        in.skipFully((long) length * idSize);
                        add(id, start, classId, OBJECT_ARRAY);
                    }
                    object++;
                }
                case 0x23 -> {
                    long id = in.id(idSize);
                    in.readInt();
                    int length = in.readInt();
                    int type = in.readUnsignedByte();
                    in.skipFully((long) length * size(type));
                    if (references) {
                        edgeStart[object] = edgeCount;
                    } else {
                        add(id, start, 0, PRIMITIVE_ARRAY);
                    }
                    object++;
                }
                default -> throw new IOException("unknown heap dump sub-record 0x" + Integer.toHexString(sub)
                        + " at " + start);
            }
        }
        return object;
    }

    private ClassInfo classDump(CountingInput in) throws IOException {
        long id = in.id(idSize);
        in.readInt();
        long superId = in.id(idSize);
        long loader = in.id(idSize);
        for (int i = 0; i < 4; i++) {
            in.id(idSize);
        }
        in.readInt();
        int constants = in.readUnsignedShort();
        for (int i = 0; i < constants; i++) {
            in.readUnsignedShort();
            in.skipFully(size(in.readUnsignedByte()));
        }
        int statics = in.readUnsignedShort();
        List<Long> names = new ArrayList<>();
        List<Long> values = new ArrayList<>();
        for (int i = 0; i < statics; i++) {
            long name = in.id(idSize);
            int type = in.readUnsignedByte();
            if (type == OBJECT) {
                names.add(name);
                values.add(in.id(idSize));
            } else {
                in.skipFully(size(type));
            }
        }
        int fieldCount = in.readUnsignedShort();
        Field[] fields = new Field[fieldCount];
        for (int i = 0; i < fieldCount; i++) {
            fields[i] = new Field(in.id(idSize), in.readUnsignedByte());
        }
        return new ClassInfo(id, superId, loader, names.stream().mapToLong(Long::longValue).toArray(),
                values.stream().mapToLong(Long::longValue).toArray(), fields);
    }

    private interface ReferenceVisitor {
        void visit(String field, long value);
    }

    /** Instance fields come this class's first, then each superclass's. */
    private void forEachReference(long classId, byte[] values, ReferenceVisitor visitor) {
        int at = 0;
        for (long c = classId; c != 0; ) {
            ClassInfo info = classes.get(c);
            if (info == null) {
                return;
            }
            for (Field field : info.fields) {
                if (field.type == OBJECT) {
                    long value = 0;
                    for (int i = 0; i < idSize; i++) {
                        value = (value << 8) | (values[at + i] & 0xff);
                    }
                    visitor.visit(strings.getOrDefault(field.name, "?"), value);
                }
                at += size(field.type);
            }
            c = info.superId;
        }
    }

    /** A weak, phantom or final reference does not keep its referent. */
    private boolean skipped(long classId, String field) {
        if (!field.equals("referent")) {
            return false;
        }
        for (long c = classId; c != 0; c = classes.containsKey(c) ? classes.get(c).superId : 0) {
            String name = classNames.getOrDefault(c, "");
            if (name.equals("java.lang.ref.WeakReference") || name.equals("java.lang.ref.PhantomReference")
                    || name.equals("java.lang.ref.FinalReference")) {
                return true;
            }
            if (name.equals("java.lang.ref.SoftReference")) {
                return false;
            }
        }
        return false;
    }

    private int size(int type) {
        return switch (type) {
            case OBJECT -> idSize;
            case 4, 8 -> 1;
            case 5, 9 -> 2;
            case 6, 10 -> 4;
            case 7, 11 -> 8;
            default -> throw new IllegalArgumentException("basic type " + type);
        };
    }

    private void root(boolean references, int type, long id) {
        if (!references && id != 0) {
            roots.add(new long[] {id, type});
        }
    }

    private void add(long id, long offset, long classId, byte kind) {
        if (count == offsets.length) {
            offsets = Arrays.copyOf(offsets, count * 2);
            classOf = Arrays.copyOf(classOf, count * 2);
            kinds = Arrays.copyOf(kinds, count * 2);
        }
        offsets[count] = offset;
        classOf[count] = classId;
        kinds[count] = kind;
        index.put(id, count++);
    }

    private void edge(long id) {
        if (id == 0) {
            return;
        }
        int target = index.get(id);
        if (target < 0) {
            return;
        }
        if (edgeCount == edges.length) {
            edges = Arrays.copyOf(edges, edgeCount * 2);
        }
        edges[edgeCount++] = target;
    }

    /** {@code ignored}: roots not to follow, such as the list in which the test itself holds what it found. */
    private void printPaths(String target, long[] ignored) throws IOException {
        int[] parent = new int[count];
        Arrays.fill(parent, -1);
        int[] rootType = new int[count];
        int[] queue = new int[count];
        int head = 0;
        int tail = 0;
        for (long[] root : roots) {
            int node = index.get(root[0]);
            if (node >= 0 && parent[node] == -1 && Arrays.stream(ignored).noneMatch(id -> id == root[0])) {
                parent[node] = node;
                rootType[node] = (int) root[1];
                queue[tail++] = node;
            }
        }
        while (head < tail) {
            int node = queue[head++];
            for (int e = edgeStart[node]; e < edgeStart[node + 1]; e++) {
                int next = edges[e];
                if (parent[next] == -1) {
                    parent[next] = node;
                    queue[tail++] = next;
                }
            }
        }
        System.out.printf("%,d objects, %,d references, %,d roots, %,d reachable%n", count, edgeCount, roots.size(), tail);
        try (RandomAccessFile raf = new RandomAccessFile(file.toFile(), "r")) {
            for (int node = 0; node < count; node++) {
                if (kinds[node] == INSTANCE && target.equals(classNames.get(classOf[node]))) {
                    System.out.printf("%n%s@%x%n", target, idOf(raf, node));
                    if (parent[node] == -1) {
                        System.out.println("  not reachable (collected at the next GC)");
                        continue;
                    }
                    List<Integer> path = new ArrayList<>();
                    for (int n = node; ; n = parent[n]) {
                        path.add(0, n);
                        if (parent[n] == n) {
                            break;
                        }
                    }
                    System.out.printf("  root %s %x%n", rootName(rootType[path.get(0)]), idOf(raf, path.get(0)));
                    for (int i = 0; i < path.size(); i++) {
                        int n = path.get(i);
                        String via = i == 0 ? "" : via(raf, path.get(i - 1), idOf(raf, n)) + " -> ";
                        System.out.printf("  %s%s%s%n", via, describe(n), threadName(raf, n));
                    }
                }
            }
        }
    }

    private String describe(int node) {
        return switch (kinds[node]) {
            case CLASS -> "class " + classNames.getOrDefault(classIdAt(node), "?");
            case PRIMITIVE_ARRAY -> "primitive array";
            default -> classNames.getOrDefault(classOf[node], "?");
        };
    }

    /** The name of a thread, which says whose it is (Jetty's pool, SCR, the JDK's HttpClient). */
    private String threadName(RandomAccessFile raf, int node) throws IOException {
        if (kinds[node] != INSTANCE || !"java.lang.Thread".equals(classNames.get(classOf[node]))) {
            return "";
        }
        long name = field(raf, node, "name");
        long value = name == 0 || index.get(name) < 0 ? 0 : field(raf, index.get(name), "value");
        int bytes = value == 0 ? -1 : index.get(value);
        if (bytes < 0 || kinds[bytes] != PRIMITIVE_ARRAY) {
            return "";
        }
        raf.seek(offsets[bytes] + 1);
        readId(raf);
        raf.readInt();
        byte[] text = new byte[raf.readInt()];
        raf.readUnsignedByte();
        raf.readFully(text);
        // Compact strings: Latin-1 unless the coder says UTF-16, which thread names rarely need.
        return " \"" + new String(text, java.nio.charset.StandardCharsets.ISO_8859_1) + "\"";
    }

    private long field(RandomAccessFile raf, int node, String wanted) throws IOException {
        raf.seek(offsets[node] + 1);
        readId(raf);
        raf.readInt();
        long classId = readId(raf);
        byte[] values = new byte[raf.readInt()];
        raf.readFully(values);
        long[] found = {0};
        forEachReference(classId, values, (name, value) -> {
            if (name.equals(wanted) && found[0] == 0) {
                found[0] = value;
            }
        });
        return found[0];
    }

    private long classIdAt(int node) {
        for (Map.Entry<Long, ClassInfo> e : classes.entrySet()) {
            if (index.get(e.getKey()) == node) {
                return e.getKey();
            }
        }
        return 0;
    }

    private long idOf(RandomAccessFile raf, int node) throws IOException {
        raf.seek(offsets[node] + 1);
        return readId(raf);
    }

    /** Which field, element or link of {@code from} holds {@code to}. */
    private String via(RandomAccessFile raf, int from, long to) throws IOException {
        raf.seek(offsets[from] + 1);
        switch (kinds[from]) {
            case INSTANCE -> {
                readId(raf);
                raf.readInt();
                long classId = readId(raf);
                if (classId == to) {
                    return "<class>";
                }
                byte[] values = new byte[raf.readInt()];
                raf.readFully(values);
                StringBuilder found = new StringBuilder();
                forEachReference(classId, values, (name, value) -> {
                    if (value == to && found.isEmpty()) {
                        found.append('.').append(name);
                    }
                });
                return found.toString();
            }
            case OBJECT_ARRAY -> {
                readId(raf);
                raf.readInt();
                int length = raf.readInt();
                readId(raf);
                for (int i = 0; i < length; i++) {
                    if (readId(raf) == to) {
                        return "[" + i + "]";
                    }
                }
                return "[?]";
            }
            case CLASS -> {
                ClassInfo info = classes.get(readId(raf));
                if (info.superId == to) {
                    return "<super>";
                }
                if (info.loader == to) {
                    return "<loader>";
                }
                for (int i = 0; i < info.staticValues.length; i++) {
                    if (info.staticValues[i] == to) {
                        return "static " + strings.getOrDefault(info.staticNames[i], "?");
                    }
                }
                return "<?>";
            }
            default -> {
                return "?";
            }
        }
    }

    private long readId(RandomAccessFile raf) throws IOException {
        return idSize == 8 ? raf.readLong() : raf.readInt() & 0xffffffffL;
    }

    private static String rootName(int type) {
        return switch (type) {
            case 0x01 -> "JNI global";
            case 0x02 -> "JNI local";
            case 0x03 -> "Java frame (a local variable of a running method)";
            case 0x04 -> "native stack";
            case 0x05 -> "system class";
            case 0x06 -> "thread block";
            case 0x07 -> "monitor in use";
            case 0x08 -> "thread object";
            default -> "unknown";
        };
    }

    /** Object id to index: open addressing over primitive arrays, millions of entries. */
    private static final class IdIndex {
        private long[] keys = new long[1 << 22];
        private int[] values = new int[1 << 22];
        private int size;

        void put(long key, int value) {
            if (size * 2 >= keys.length) {
                grow();
            }
            int slot = slot(key, keys.length);
            while (keys[slot] != 0 && keys[slot] != key) {
                slot = (slot + 1) & (keys.length - 1);
            }
            if (keys[slot] == 0) {
                size++;
            }
            keys[slot] = key;
            values[slot] = value;
        }

        int get(long key) {
            int slot = slot(key, keys.length);
            while (keys[slot] != 0) {
                if (keys[slot] == key) {
                    return values[slot];
                }
                slot = (slot + 1) & (keys.length - 1);
            }
            return -1;
        }

        private void grow() {
            long[] oldKeys = keys;
            int[] oldValues = values;
            keys = new long[oldKeys.length * 2];
            values = new int[oldKeys.length * 2];
            size = 0;
            for (int i = 0; i < oldKeys.length; i++) {
                if (oldKeys[i] != 0) {
                    put(oldKeys[i], oldValues[i]);
                }
            }
        }

        private static int slot(long key, int length) {
            long h = key * 0x9E3779B97F4A7C15L;
            return (int) (h >>> 40) & (length - 1);
        }
    }

    /** Counts what is read, for the heap segments' lengths. */
    private static final class Counting extends java.io.FilterInputStream {
        private long position;

        Counting(InputStream in) {
            super(in);
        }

        @Override
        public int read() throws IOException {
            int b = super.read();
            if (b >= 0) {
                position++;
            }
            return b;
        }

        @Override
        public int read(byte[] buffer, int off, int len) throws IOException {
            int n = super.read(buffer, off, len);
            if (n > 0) {
                position += n;
            }
            return n;
        }

        @Override
        public long skip(long n) throws IOException {
            long skipped = super.skip(n);
            position += skipped;
            return skipped;
        }
    }

    /** A data stream that knows its position. */
    private static final class CountingInput extends DataInputStream {
        private final Counting counting;

        private CountingInput(Counting counting) {
            super(counting);
            this.counting = counting;
        }

        static CountingInput of(InputStream in) {
            return new CountingInput(new Counting(in));
        }

        long position() {
            return counting.position;
        }

        long id(int size) throws IOException {
            return size == 8 ? readLong() : readInt() & 0xffffffffL;
        }

        void skipFully(long n) throws IOException {
            while (n > 0) {
                long skipped = skip(n);
                if (skipped <= 0) {
                    readByte();
                    skipped = 1;
                }
                n -= skipped;
            }
        }
    }
}
