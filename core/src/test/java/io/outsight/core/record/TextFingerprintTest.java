package io.outsight.core.record;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.Base64;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class TextFingerprintTest {
    /** Characters of Base64 texts and of near misses: the alphabet's edges, padding, and what the decoder refuses. */
    private static final char[] CHARACTERS = {'A', 'Z', 'a', 'z', '0', '9', '+', '/', '=', ' ', '-', '_', '\n', 'é'};

    @Test
    void countsTheDecodedBytesAndRefusesExactlyWhatTheDecoderRefuses() {
        var random = new Random(11);
        for (int round = 0; round < 200_000; round++) {
            var text = new StringBuilder();
            int length = random.nextInt(13);
            for (int i = 0; i < length; i++) {
                // Mostly the alphabet, so that many texts are valid and their padding is tried in every position.
                text.append(CHARACTERS[random.nextInt(4) == 0 ? random.nextInt(CHARACTERS.length) : random.nextInt(8)]);
            }
            assertCountedAsTheDecoderDecodes(text.toString());
        }
    }

    @Test
    void takesExactlyTheCharactersTheDecoderTakes() {
        for (char c = 0; c < 0x400; c++) {
            assertCountedAsTheDecoderDecodes("AA" + c + "A");
            assertCountedAsTheDecoderDecodes(c + "AAA");
        }
    }

    private static void assertCountedAsTheDecoderDecodes(String base64) {
        Integer decoded;
        try {
            decoded = Base64.getDecoder().decode(base64).length;
        } catch (IllegalArgumentException e) {
            decoded = null;
        }
        if (decoded == null) {
            assertThrows(IllegalArgumentException.class, () -> TextFingerprint.decodedLength(base64), base64);
        } else {
            assertEquals(decoded, TextFingerprint.decodedLength(base64), base64);
        }
    }

    @Test
    void countsTheBytesOfEncodedArraysOfEveryLength() {
        for (int bytes = 0; bytes < 64; bytes++) {
            String encoded = Base64.getEncoder().encodeToString(new byte[bytes]);
            assertEquals(bytes, TextFingerprint.decodedLength(encoded), encoded);
            assertEquals(bytes, TextFingerprint.decodedLength(encoded.replace("=", "")), "unpadded " + encoded);
        }
    }

    @Test
    void refusesASignatureThatIsNotWhole32BitComponents() {
        var components = TextFingerprint.of("s", "h", new int[] {1, 2}, List.of());
        assertEquals(2, components.components().length);
        assertThrows(IllegalArgumentException.class, () -> new TextFingerprint("s", "h", "AAAB", List.of()));
        assertThrows(IllegalArgumentException.class, () -> new TextFingerprint("s", "h", "AA*A", List.of()));
    }
}
