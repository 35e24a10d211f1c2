package io.outsight.stack.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.outsight.stack.StackException;
import org.junit.jupiter.api.Test;

class ElasticsearchUserTest {
    private static final String NO_SUCH_USER = "outsight-no-such-user-7f3a";

    @Test
    void aMissingUserFailsWithTheCommandThatCreatesIt() {
        assertFalse(ElasticsearchUser.exists(NO_SUCH_USER));

        StackException e = assertThrows(StackException.class, () -> ElasticsearchUser.requireExists(NO_SUCH_USER));

        assertTrue(e.getMessage().contains("'" + NO_SUCH_USER + "', which does not exist"), e.getMessage());
        assertTrue(e.getMessage().contains(
                "useradd --system --user-group --no-create-home --shell /usr/sbin/nologin " + NO_SUCH_USER + "\n"),
                e.getMessage());
    }

    @Test
    void anExistingUserPasses() {
        assertTrue(ElasticsearchUser.exists("root"));
        ElasticsearchUser.requireExists("root");
    }

    @Test
    void rootIsRecognisedFromTheProcessOwner() {
        assertEquals("root".equals(System.getProperty("user.name")), ElasticsearchUser.runningAsRoot());
    }
}
