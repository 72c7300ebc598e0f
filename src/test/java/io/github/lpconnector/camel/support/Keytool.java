package io.github.lpconnector.camel.support;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/** The JDK's keytool on PKCS12 stores in one folder, for tests that need real certificates. */
public final class Keytool {

    private final Path dir;
    private final String password;

    public Keytool(Path dir, String password) {
        this.dir = dir;
        this.password = password;
    }

    /** Runs {@code keytool args...} in the folder with the store type and passwords; fails the test if it fails. */
    public void run(String... args) throws Exception {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "keytool").toString());
        command.addAll(List.of(args));
        command.addAll(List.of("-storetype", "PKCS12", "-storepass", password));
        if (args[0].equals("-genkeypair")) {
            command.addAll(List.of("-keypass", password));
        }
        Process process = new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.waitFor(60, TimeUnit.SECONDS)).as("keytool ended").isTrue();
        assertThat(process.exitValue()).as("keytool %s: %s", args[0], output).isZero();
    }
}
