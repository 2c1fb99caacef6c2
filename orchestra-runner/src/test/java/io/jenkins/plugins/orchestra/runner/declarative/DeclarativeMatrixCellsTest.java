package io.jenkins.plugins.orchestra.runner.declarative;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class DeclarativeMatrixCellsTest {
    private static final Position HERE = new Position(1, 1);

    @Test
    void expandsWithTheFirstAxisChangingFastestAsJenkinsDoes() {
        List<Map<String, String>> cells =
                MatrixCells.expand(List.of(axis("OS", "linux", "mac"), axis("JDK", "17", "21")), List.of());

        assertThat(cells)
                .containsExactly(
                        Map.of("OS", "linux", "JDK", "17"),
                        Map.of("OS", "mac", "JDK", "17"),
                        Map.of("OS", "linux", "JDK", "21"),
                        Map.of("OS", "mac", "JDK", "21"));
        assertThat(cells.get(0).keySet()).containsExactly("OS", "JDK");
    }

    @Test
    void leavesOutCellsThatMatchEveryAxisOfAnExclude() {
        List<Map<String, String>> cells = MatrixCells.expand(
                List.of(axis("OS", "linux", "windows"), axis("BROWSER", "firefox", "safari")),
                List.of(new MatrixExclude(List.of(axis("OS", "linux"), axis("BROWSER", "safari")), HERE)));

        assertThat(cells)
                .containsExactly(
                        Map.of("OS", "linux", "BROWSER", "firefox"),
                        Map.of("OS", "windows", "BROWSER", "firefox"),
                        Map.of("OS", "windows", "BROWSER", "safari"));
    }

    @Test
    void notValuesExcludesEveryOtherValue() {
        MatrixAxis notLinux = new MatrixAxis("OS", List.of("linux"), true, HERE);

        List<Map<String, String>> cells = MatrixCells.expand(
                List.of(axis("OS", "linux", "mac", "windows"), axis("ARCH", "amd64", "arm64")),
                List.of(new MatrixExclude(List.of(notLinux, axis("ARCH", "arm64")), HERE)));

        assertThat(cells)
                .containsExactly(
                        Map.of("OS", "linux", "ARCH", "amd64"),
                        Map.of("OS", "mac", "ARCH", "amd64"),
                        Map.of("OS", "windows", "ARCH", "amd64"),
                        Map.of("OS", "linux", "ARCH", "arm64"));
    }

    @Test
    void anExcludeAxisTheMatrixDoesNotHaveHoldsNoValue() {
        List<MatrixAxis> axes = List.of(axis("OS", "linux", "mac"));

        assertThat(MatrixCells.expand(axes, List.of(new MatrixExclude(List.of(axis("CPU", "arm64")), HERE))))
                .hasSize(2);
        assertThat(MatrixCells.expand(
                        axes,
                        List.of(new MatrixExclude(List.of(new MatrixAxis("CPU", List.of("arm64"), true, HERE)), HERE))))
                .isEmpty();
    }

    @Test
    void aValueListedTwiceMakesOneCell() {
        assertThat(MatrixCells.expand(List.of(axis("OS", "linux", "linux")), List.of()))
                .containsExactly(Map.of("OS", "linux"));
    }

    @Test
    void noAxesMakeOneEmptyCell() {
        assertThat(MatrixCells.expand(List.of(), List.of())).containsExactly(Map.of());
    }

    @Test
    void namesACellsStageAsJenkinsDoes() {
        Map<String, String> cell = MatrixCells.expand(
                        List.of(axis("OS", "linux"), axis("BROWSER", "firefox")), List.of())
                .get(0);

        assertThat(MatrixCells.stageName(cell)).isEqualTo("Matrix - OS = 'linux', BROWSER = 'firefox'");
    }

    @Test
    void expandsTheDeliveryPipelinesMatrix() {
        MatrixModel matrix = DeclarativeParser.parse(DeclarativeFixtures.read("delivery-pipeline"))
                .pipeline()
                .orElseThrow()
                .allStages()
                .get(5)
                .matrix()
                .orElseThrow();

        assertThat(matrix.cells())
                .extracting(MatrixCells::stageName)
                .containsExactly(
                        "Matrix - OS = 'linux', BROWSER = 'firefox'",
                        "Matrix - OS = 'windows', BROWSER = 'firefox'",
                        "Matrix - OS = 'linux', BROWSER = 'chrome'",
                        "Matrix - OS = 'windows', BROWSER = 'chrome'",
                        "Matrix - OS = 'windows', BROWSER = 'safari'");
    }

    private static MatrixAxis axis(String name, String... values) {
        return new MatrixAxis(name, List.of(values), false, HERE);
    }
}
