package io.jenkins.plugins.orchestra.host;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.exc.InvalidDefinitionException;
import java.io.ByteArrayOutputStream;
import java.io.NotSerializableException;
import java.io.ObjectOutputStream;
import java.io.Serializable;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

class SecretTest {
    private static final Secret PASSWORD = Secret.of("hunter2");

    @Test
    void showsOnlyTheMaskWhenPrintedOrConcatenated() {
        assertThat(PASSWORD).hasToString("****");
        assertThat("password: " + PASSWORD).isEqualTo("password: ****");
        assertThat(List.of(PASSWORD, Secret.of(""))).hasToString("[****, ****]");
    }

    @Test
    void revealsItsValueOnlyWhenAsked() {
        assertThat(PASSWORD.reveal()).isEqualTo("hunter2");
        assertThat(Secret.of("").reveal()).isEmpty();
    }

    @Test
    void copiesACharArraySoThatTheCallerMayClearIt() {
        char[] typed = "s3cr3t".toCharArray();
        Secret secret = Secret.of(typed);
        Arrays.fill(typed, '\0');

        assertThat(secret.reveal()).isEqualTo("s3cr3t");
    }

    @Test
    void equalsASecretOfTheSameValueOnly() {
        assertThat(Secret.of("hunter2")).isEqualTo(PASSWORD).hasSameHashCodeAs(PASSWORD);
        assertThat(Secret.of("hunter3")).isNotEqualTo(PASSWORD);
        assertThat(Secret.of("hunter")).isNotEqualTo(PASSWORD);
        assertThat(Secret.of("hunter22")).isNotEqualTo(PASSWORD);
        assertThat(Secret.of("")).isNotEqualTo(PASSWORD).isEqualTo(Secret.of(""));
        assertThat((Object) PASSWORD).isNotEqualTo("hunter2");
    }

    @Test
    void hashCodeIsNotTheValuesStringHash() {
        assertThat(PASSWORD.hashCode()).isNotEqualTo("hunter2".hashCode());
    }

    @Test
    void refusesJavaSerializationOfAnythingThatHoldsIt() {
        record Holder(Secret secret) implements Serializable {}

        assertThatThrownBy(() -> new ObjectOutputStream(new ByteArrayOutputStream()).writeObject(new Holder(PASSWORD)))
                .isInstanceOf(NotSerializableException.class)
                .hasMessage(Secret.class.getName());
    }

    @Test
    void givesJacksonNothingToWrite() {
        record Event(String stage, Secret token) {}

        assertThatThrownBy(() -> new ObjectMapper().writeValueAsString(new Event("deploy", PASSWORD)))
                .isInstanceOf(InvalidDefinitionException.class)
                .hasMessageStartingWith("No serializer found for class " + Secret.class.getName());
    }

    @Test
    void refusesToBeReplacedForXStream() throws Exception {
        var writeReplace = Secret.class.getDeclaredMethod("writeReplace");
        writeReplace.setAccessible(true);

        assertThatThrownBy(() -> writeReplace.invoke(PASSWORD))
                .cause()
                .isInstanceOf(NotSerializableException.class)
                .hasMessage("a Secret is never serialized; keep the credentials id and look the secret up again");
    }
}
