package io.avdroll.e2e;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The container images start each service with the JVM options the end-to-end deployment and the benchmarks use
 * ({@link ServiceProcess#JVM_OPTIONS}), so the start time and memory measured here are those of the deployment.
 */
class ContainerJvmOptionsTest {

    private static final Pattern QUOTED = Pattern.compile("\"([^\"]*)\"");

    @Test
    void everyServiceImageStartsTheJvmWithTheOptionsTheLocalDeploymentUses() throws IOException {
        for (String service : LocalDeployment.SERVICES) {
            List<String> entrypoint = instruction(service, "ENTRYPOINT");

            assertThat(jvmOptions(entrypoint)).as("%s Dockerfile.jvm ENTRYPOINT", service)
                    .containsExactlyElementsOf(ServiceProcess.JVM_OPTIONS);
            assertThat(entrypoint).as(service).startsWith("java").endsWith("-jar", "quarkus-run.jar");
        }
    }

    /** The -X options of an exec-form instruction, in order (system properties and the jar left out). */
    static List<String> jvmOptions(List<String> command) {
        return command.stream().filter(a -> a.startsWith("-X")).toList();
    }

    private static List<String> instruction(String service, String keyword) throws IOException {
        Path dockerfile = LocalDeployment.repoDir().resolve(service).resolve("src/main/docker/Dockerfile.jvm");
        String line = Files.readAllLines(dockerfile).stream().filter(l -> l.startsWith(keyword + " ")).findFirst()
                .orElseThrow(() -> new AssertionError(dockerfile + " has no " + keyword + " line"));
        List<String> args = new ArrayList<>();
        Matcher m = QUOTED.matcher(line);
        while (m.find()) {
            args.add(m.group(1));
        }
        return args;
    }
}
