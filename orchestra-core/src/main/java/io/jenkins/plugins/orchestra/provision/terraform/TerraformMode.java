package io.jenkins.plugins.orchestra.provision.terraform;

import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;

/** What a Terraform call does. */
public enum TerraformMode {
    /** {@code init}, {@code plan -out}, and a summary of the saved plan; changes nothing. */
    PLAN,
    /**
     * Applies exactly a saved plan ({@code planFile}, from a {@link #PLAN} call), or plans and applies that plan at
     * once; then reads the outputs. Never plans again before applying a saved plan.
     */
    APPLY,
    /** {@code plan -detailed-exitcode}: reports whether the infrastructure differs from the configuration. */
    DRIFT,
    /** {@code output -json}: the outputs of the current state. */
    OUTPUT;

    /** The name a Jenkinsfile writes: {@code plan}. */
    public String symbol() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static Optional<TerraformMode> ofSymbol(String symbol) {
        return Arrays.stream(values()).filter(m -> m.symbol().equals(symbol)).findFirst();
    }
}
