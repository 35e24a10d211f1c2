package io.outsight.app.deploy;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ImageReferenceTest {

    @ParameterizedTest(name = "{0}")
    @CsvSource(nullValues = "-", value = {
        "apache/kafka:4.2.2,                                 apache/kafka,                                 4.2.2,  -",
        "docker.elastic.co/kibana/kibana:9.2.4,              docker.elastic.co/kibana/kibana,              9.2.4,  -",
        "eclipse-temurin,                                    eclipse-temurin,                              -,      -",
        "localhost:5000/outsight,                            localhost:5000/outsight,                      -,      -",
        "localhost:5000/outsight:1.0,                        localhost:5000/outsight,                      1.0,    -",
        "eclipse-temurin:25-jre@sha256:0123abcd,             eclipse-temurin,                              25-jre, sha256:0123abcd",
    })
    void splitsRepositoryTagAndDigest(String reference, String repository, String tag, String digest) {
        assertEquals(new ImageReference(repository, tag, digest), ImageReference.parse(reference));
    }

    @ParameterizedTest(name = "{0} pinned: {1}")
    @CsvSource({
        "apache/kafka:4.2.2,                 true",
        "eclipse-temurin@sha256:0123abcd,    true",
        "apache/kafka:latest,                false",
        "apache/kafka,                       false",
        "localhost:5000/outsight,            false",
    })
    void pinsOnlyAConcreteTagOrADigest(String reference, boolean pinned) {
        assertEquals(pinned, ImageReference.parse(reference).whyNotPinned().isEmpty());
    }
}
