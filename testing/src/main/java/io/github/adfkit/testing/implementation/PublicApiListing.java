package io.github.adfkit.testing.implementation;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.reflect.Constructor;
import java.lang.reflect.Executable;
import java.lang.reflect.Field;
import java.lang.reflect.Member;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * The public API of one adfkit module as text: every public type outside {@code implementation} packages with its
 * public and protected members, one line each, sorted. Each published module's build compares it with the listing
 * checked in beside its {@code pom.xml} ({@code api.txt}), so a change to a public signature fails the build until
 * the listing is updated in the same change (and announced in the CHANGELOG).
 */
public final class PublicApiListing {
    /** Set this system property to {@code true} to rewrite the checked-in listing instead of comparing with it. */
    public static final String UPDATE_PROPERTY = "adfkit.api.update";

    private PublicApiListing() {
    }

    /**
     * Compares the module's public API with its checked-in listing, or rewrites the listing when
     * {@value #UPDATE_PROPERTY} is {@code true}.
     *
     * @param classes the module's compiled classes, such as {@code target/classes}
     * @param listing the checked-in listing, such as {@code api.txt}
     * @throws AssertionError naming the lines that differ, if the API and the listing disagree
     */
    public static void check(Path classes, Path listing) {
        List<String> actual = describe(classes);
        try {
            if (Boolean.getBoolean(UPDATE_PROPERTY)) {
                Files.write(listing, actual, StandardCharsets.UTF_8);
                return;
            }
            List<String> expected = Files.exists(listing) ? Files.readAllLines(listing, StandardCharsets.UTF_8)
                : List.of();
            if (!expected.equals(actual)) {
                throw new AssertionError("The public API differs from " + listing + ". If the change is meant, "
                    + "rerun with -D" + UPDATE_PROPERTY + "=true, commit the listing and note the change in "
                    + "CHANGELOG.md.\nOnly in the API:\n" + missingFrom(actual, expected)
                    + "\nOnly in the listing:\n" + missingFrom(expected, actual));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Fails when the module's public API names a type from a package it must not expose, such as Jackson's
     * {@code com.fasterxml.jackson} (adfkit hands JSON out as azure-core's {@code BinaryData}).
     *
     * @param classes the module's compiled classes, such as {@code target/classes}
     * @param packagePrefix the package (and its sub-packages) no public signature may name
     * @throws AssertionError naming the lines that name such a type
     */
    public static void checkNoTypesFrom(Path classes, String packagePrefix) {
        List<String> offending = describe(classes).stream().filter(line -> line.contains(packagePrefix + "."))
            .collect(Collectors.toList());
        if (!offending.isEmpty()) {
            throw new AssertionError("The public API names types from " + packagePrefix + ", which it must not "
                + "expose; keep them in an implementation package:\n  " + String.join("\n  ", offending));
        }
    }

    /**
     * @param classes a module's compiled classes
     * @return the module's public API, one sorted line per type and member
     */
    public static List<String> describe(Path classes) {
        try (Stream<Path> files = Files.walk(classes)) {
            return files.map(classes::relativize).map(Path::toString)
                .filter(name -> name.endsWith(".class") && !name.endsWith("module-info.class")
                    && !name.endsWith("package-info.class") && !name.contains("/implementation/"))
                .map(name -> name.substring(0, name.length() - ".class".length()).replace('/', '.'))
                .map(PublicApiListing::load).filter(PublicApiListing::isApi)
                .flatMap(type -> lines(type).stream()).sorted().collect(Collectors.toList());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String missingFrom(List<String> lines, List<String> other) {
        Set<String> known = new HashSet<>(other);
        return lines.stream().filter(line -> !known.contains(line)).map(line -> "  " + line)
            .collect(Collectors.joining("\n"));
    }

    private static Class<?> load(String name) {
        try {
            return Class.forName(name, false, Thread.currentThread().getContextClassLoader());
        } catch (ClassNotFoundException e) {
            throw new IllegalStateException("A compiled class cannot be loaded: " + name, e);
        }
    }

    private static boolean isApi(Class<?> type) {
        for (Class<?> at = type; at != null; at = at.getDeclaringClass()) {
            if (!Modifier.isPublic(at.getModifiers()) || at.isAnonymousClass() || at.isLocalClass()
                || at.isSynthetic()) {
                return false;
            }
        }
        return true;
    }

    private static List<String> lines(Class<?> type) {
        String name = type.getName();
        List<String> lines = new ArrayList<>();
        lines.add(name + " : " + declaration(type));
        boolean extensible = !Modifier.isFinal(type.getModifiers());
        List<Member> members = new ArrayList<>();
        members.addAll(Arrays.asList(type.getDeclaredConstructors()));
        members.addAll(Arrays.asList(type.getDeclaredMethods()));
        members.addAll(Arrays.asList(type.getDeclaredFields()));
        for (Member member : members) {
            int modifiers = member.getModifiers();
            boolean visible = Modifier.isPublic(modifiers) || (extensible && Modifier.isProtected(modifiers));
            if (visible && !member.isSynthetic() && !(member instanceof Method method && method.isBridge())) {
                lines.add(name + " : " + signature(member));
            }
        }
        return lines;
    }

    private static String declaration(Class<?> type) {
        String text = type.toGenericString();
        if (type.getGenericSuperclass() != null && type.getSuperclass() != Object.class && !type.isEnum()
            && !type.isRecord()) {
            text += " extends " + type.getGenericSuperclass().getTypeName();
        }
        String interfaces = Arrays.stream(type.getGenericInterfaces()).map(java.lang.reflect.Type::getTypeName)
            .collect(Collectors.joining(", "));
        return interfaces.isEmpty() ? text : text + " implements " + interfaces;
    }

    private static String signature(Member member) {
        if (member instanceof Field field) {
            return field.toGenericString();
        }
        if (member instanceof Constructor<?> constructor) {
            return constructor.toGenericString();
        }
        return ((Executable) member).toGenericString();
    }
}
