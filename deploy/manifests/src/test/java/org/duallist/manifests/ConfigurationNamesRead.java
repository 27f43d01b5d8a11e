package org.duallist.manifests;

import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Properties;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * The configuration names a service reads, from where they are defined rather than from a list kept
 * beside the manifests: the keys of the service's {@code application.properties} and of the shared
 * defaults in {@code services/platform} (with the names their values refer to as {@code ${...}}), the
 * {@code @ConfigProperty} and {@code @ConfigMapping} names in the service's and the platform's sources,
 * and the Quarkus, MicroProfile and Kafka client settings the README's configuration tables document. An environment
 * variable is read when it is one of these names in MicroProfile Config's environment form (upper case,
 * every character that is not a letter or digit replaced by {@code _}).
 */
final class ConfigurationNamesRead {

    private static final Pattern CONFIG_PROPERTY = Pattern.compile("@ConfigProperty\\s*\\(\\s*name\\s*=\\s*\"([^\"]+)\"");
    private static final Pattern CONFIG_MAPPING = Pattern.compile("@ConfigMapping\\s*\\(\\s*prefix\\s*=\\s*\"([^\"]+)\"");
    private static final Pattern EXPRESSION = Pattern.compile("\\$\\{([^}:]+)");
    private static final Pattern INTERFACE = Pattern.compile("\\binterface\\s+(\\w+)");
    private static final Pattern MAPPING_METHOD = Pattern.compile("^\\s*([\\w.<>?,\\s]+?)\\s+(\\w+)\\(\\)\\s*;\\s*$");
    private static final Pattern WITH_NAME = Pattern.compile("@WithName\\(\\s*\"([^\"]+)\"\\s*\\)");
    private static final Pattern TABLE_FIRST_CELL = Pattern.compile("^\\|([^|]*)\\|");
    private static final Pattern CODE = Pattern.compile("`([^`]+)`");
    private static final List<String> FRAMEWORK_NAMESPACES = List.of("QUARKUS_", "MP_", "KAFKA_");

    private final Path repositoryRoot;

    ConfigurationNamesRead(Path repositoryRoot) {
        this.repositoryRoot = repositoryRoot;
    }

    /** The environment form of a configuration name, as MicroProfile Config looks it up. */
    static String environmentName(String propertyName) {
        return propertyName.replaceAll("[^A-Za-z0-9]", "_").toUpperCase(Locale.ROOT);
    }

    /** Every name service {@code service} (its module is {@code services/<service>}) reads, in environment form. */
    Set<String> environmentNamesReadBy(String service) {
        Set<String> names = new TreeSet<>();
        propertyNamesReadBy(service).forEach(name -> names.add(environmentName(name)));
        names.addAll(documentedEnvironmentNames());
        return names;
    }

    Set<String> propertyNamesReadBy(String service) {
        Path module = repositoryRoot.resolve("services").resolve(service);
        Path platform = repositoryRoot.resolve("services/platform");
        if (!Files.isDirectory(module)) {
            throw new IllegalArgumentException("no module services/" + service);
        }
        Set<String> names = new TreeSet<>();
        names.addAll(propertiesOf(module.resolve("src/main/resources/application.properties")));
        names.addAll(propertiesOf(platform.resolve("src/main/resources/META-INF/microprofile-config.properties")));
        names.addAll(namesInSources(module.resolve("src/main/java")));
        names.addAll(namesInSources(platform.resolve("src/main/java")));
        return names;
    }

    /** Keys (without a profile such as {@code %test.}) and the names their values refer to. */
    static Set<String> propertiesOf(Path file) {
        Properties properties = new Properties();
        try (Reader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            properties.load(reader);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        Set<String> names = new TreeSet<>();
        for (String key : properties.stringPropertyNames()) {
            names.add(key.startsWith("%") ? key.substring(key.indexOf('.') + 1) : key);
            Matcher reference = EXPRESSION.matcher(properties.getProperty(key));
            while (reference.find()) {
                names.add(reference.group(1));
            }
        }
        return names;
    }

    static Set<String> namesInSources(Path sourceRoot) {
        Set<String> names = new TreeSet<>();
        try (Stream<Path> files = Files.walk(sourceRoot)) {
            for (Path file : files.filter(path -> path.toString().endsWith(".java")).toList()) {
                String source = Files.readString(file, StandardCharsets.UTF_8);
                Matcher property = CONFIG_PROPERTY.matcher(source);
                while (property.find()) {
                    names.add(property.group(1));
                }
                Matcher mapping = CONFIG_MAPPING.matcher(source);
                if (mapping.find()) {
                    names.addAll(mappingNames(mapping.group(1), source));
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return names;
    }

    private record MappingMethod(String enclosingInterface, String returnType, String name) {
    }

    /**
     * The names of a {@code @ConfigMapping} interface: each method's name in kebab case under the prefix,
     * a method returning a nested interface of the file a group whose methods continue the name.
     */
    static Set<String> mappingNames(String prefix, String source) {
        List<MappingMethod> methods = new ArrayList<>();
        Set<String> interfaces = new HashSet<>();
        Deque<String> enclosing = new ArrayDeque<>();
        Deque<Integer> enclosingDepth = new ArrayDeque<>();
        String pendingInterface = null;
        String pendingName = null;
        String root = null;
        int depth = 0;
        for (String line : source.split("\n")) {
            Matcher declaration = INTERFACE.matcher(line);
            if (declaration.find() && !line.strip().startsWith("*") && !line.strip().startsWith("/")) {
                pendingInterface = declaration.group(1);
                interfaces.add(pendingInterface);
                root = root == null ? pendingInterface : root;
            }
            Matcher withName = WITH_NAME.matcher(line);
            if (withName.find()) {
                pendingName = withName.group(1);
            }
            Matcher method = MAPPING_METHOD.matcher(line);
            if (method.matches() && !enclosing.isEmpty()) {
                String name = pendingName != null ? pendingName : kebab(method.group(2));
                methods.add(new MappingMethod(enclosing.peek(), method.group(1).strip(), name));
                pendingName = null;
            }
            for (char c : line.toCharArray()) {
                if (c == '{') {
                    depth++;
                    if (pendingInterface != null) {
                        enclosing.push(pendingInterface);
                        enclosingDepth.push(depth);
                        pendingInterface = null;
                    }
                } else if (c == '}') {
                    if (!enclosingDepth.isEmpty() && enclosingDepth.peek() == depth) {
                        enclosing.pop();
                        enclosingDepth.pop();
                    }
                    depth--;
                }
            }
        }
        if (methods.isEmpty()) {
            throw new IllegalStateException("no methods found in the @ConfigMapping with prefix " + prefix);
        }
        Set<String> names = new TreeSet<>();
        collect(prefix, root, methods, interfaces, names);
        return names;
    }

    private static void collect(String prefix, String group, List<MappingMethod> methods, Set<String> interfaces, Set<String> names) {
        for (MappingMethod method : methods) {
            if (!method.enclosingInterface().equals(group)) {
                continue;
            }
            String name = prefix + "." + method.name();
            String type = method.returnType().replaceAll(".*<", "").replaceAll(">.*", "").strip();
            if (interfaces.contains(type)) {
                collect(name, type, methods, interfaces, names);
            } else {
                names.add(name);
            }
        }
    }

    private static String kebab(String camelCase) {
        return camelCase.replaceAll("([a-z0-9])([A-Z])", "$1-$2").toLowerCase(Locale.ROOT);
    }

    /**
     * The Quarkus, MicroProfile and Kafka client settings in the first column of the README's tables under
     * "Ports and configuration" and "Limits": read by the frameworks of every service, so they appear in
     * no source of the suite. The suite's own ({@code dual-list.*}) names come from the sources only,
     * where it shows which service reads them.
     */
    Set<String> documentedEnvironmentNames() {
        List<String> lines;
        try {
            lines = Files.readAllLines(repositoryRoot.resolve("README.md"), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        Set<String> names = new TreeSet<>();
        boolean inSection = false;
        for (String line : lines) {
            if (line.startsWith("## ")) {
                inSection = line.equals("## Ports and configuration") || line.equals("## Limits");
                continue;
            }
            Matcher cell = TABLE_FIRST_CELL.matcher(line);
            if (!inSection || !cell.find()) {
                continue;
            }
            Matcher code = CODE.matcher(cell.group(1));
            while (code.find()) {
                String name = code.group(1);
                boolean settingName = name.matches("[A-Z][A-Z0-9_]*") || name.matches("[a-z][a-z0-9.-]*");
                if (settingName && FRAMEWORK_NAMESPACES.stream().anyMatch(environmentName(name)::startsWith)) {
                    names.add(environmentName(name));
                }
            }
        }
        if (names.isEmpty()) {
            throw new IllegalStateException("README.md documents no settings under \"Ports and configuration\" or \"Limits\"");
        }
        return names;
    }
}
