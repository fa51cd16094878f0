package io.flinkupgrade.local;

import java.io.DataInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.Collection;
import java.util.Deque;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;

/**
 * The classes of a jar and what each one names: the class entries of its constant pool and the
 * class names inside its descriptors and signatures. What a class names is what the JVM may load
 * for it (resolving a call, a field, a lambda's method reference, a verifier check), so a class
 * named by a reachable class but missing from the jar is a NoClassDefFoundError waiting for its
 * code path.
 */
final class JarClasses {
    private static final Pattern DESCRIPTOR_CLASS = Pattern.compile("L([\\w/$]+)[;<]");
    /** A class's binary name as {@code Class.forName} takes it, the class capitalised (unlike a package or a property name). */
    private static final Pattern BINARY_NAME = Pattern.compile("[\\w$]+(\\.[\\w$]+)*\\.[A-Z][\\w$]*");
    private final Map<String, byte[]> classes = new HashMap<>();

    JarClasses(Path jar) {
        try (ZipFile zip = new ZipFile(jar.toFile())) {
            for (ZipEntry entry : zip.stream().toList()) {
                if (entry.getName().endsWith(".class")) {
                    try (InputStream in = zip.getInputStream(entry)) {
                        classes.put(entry.getName().substring(0, entry.getName().length() - ".class".length()), in.readAllBytes());
                    }
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    boolean contains(String internalName) {
        return classes.containsKey(internalName);
    }

    Set<String> names() {
        return classes.keySet();
    }

    /**
     * The classes under {@code within} that {@code roots} reach through classes under {@code within},
     * present in the jar or not (a missing one ends its path); what {@code unfollowed} name is not
     * followed.
     */
    Set<String> reachable(Set<String> roots, String within, Set<String> unfollowed) {
        Set<String> seen = new TreeSet<>();
        Deque<String> todo = new ArrayDeque<>(roots);
        while (!todo.isEmpty()) {
            String name = todo.pop();
            if (!seen.add(name) || !classes.containsKey(name) || unfollowed.contains(name)) {
                continue;
            }
            for (String named : named(classes.get(name))) {
                if (named.startsWith(within) && !seen.contains(named)) {
                    todo.push(named);
                }
            }
        }
        return seen;
    }

    /**
     * The classes under any of {@code packages} that a class of the jar names or spells out in a
     * string constant ({@code "a.b.C"}, as {@code Class.forName} takes it) but the jar leaves out,
     * each with one class that names it. Empty means no code in the jar can load a left-out class
     * there except by a name it builds or reads at run time.
     */
    Map<String, String> namedButMissing(Collection<String> packages) {
        Map<String, String> missing = new TreeMap<>();
        classes.forEach((name, classFile) -> {
            ConstantPool pool = constantPool(classFile);
            Set<String> mentioned = new TreeSet<>(pool.named());
            pool.strings().stream().filter(text -> BINARY_NAME.matcher(text).matches())
                    .map(text -> text.replace('.', '/')).forEach(mentioned::add);
            mentioned.stream().filter(other -> packages.stream().anyMatch(other::startsWith) && !classes.containsKey(other))
                    .forEach(other -> missing.putIfAbsent(other, name));
        });
        return missing;
    }

    /** The class names one class file's constant pool mentions (JVMS 4.4). */
    private static Set<String> named(byte[] classFile) {
        return constantPool(classFile).named();
    }

    /** What a constant pool names: classes (entries, descriptors, signatures) and string constants. */
    private record ConstantPool(Set<String> named, Set<String> strings) {}

    private static ConstantPool constantPool(byte[] classFile) {
        try (DataInputStream in = new DataInputStream(new java.io.ByteArrayInputStream(classFile))) {
            in.skipBytes(8);
            int count = in.readUnsignedShort();
            Map<Integer, String> utf8 = new HashMap<>();
            Set<Integer> classIndexes = new TreeSet<>();
            Set<Integer> stringIndexes = new TreeSet<>();
            for (int i = 1; i < count; i++) {
                int tag = in.readUnsignedByte();
                switch (tag) {
                    case 1 -> utf8.put(i, in.readUTF());
                    case 7 -> classIndexes.add(in.readUnsignedShort());
                    case 8 -> stringIndexes.add(in.readUnsignedShort());
                    case 16, 19, 20 -> in.skipBytes(2);
                    case 15 -> in.skipBytes(3);
                    case 3, 4, 9, 10, 11, 12, 17, 18 -> in.skipBytes(4);
                    case 5, 6 -> {
                        in.skipBytes(8);
                        i++;
                    }
                    default -> throw new IllegalStateException("constant pool tag " + tag);
                }
            }
            Set<String> names = new TreeSet<>();
            classIndexes.forEach(index -> names.add(utf8.get(index)));
            for (String text : utf8.values()) {
                Matcher descriptor = DESCRIPTOR_CLASS.matcher(text);
                while (descriptor.find()) {
                    names.add(descriptor.group(1));
                }
            }
            Set<String> strings = new TreeSet<>();
            stringIndexes.forEach(index -> strings.add(utf8.get(index)));
            return new ConstantPool(names, strings);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
