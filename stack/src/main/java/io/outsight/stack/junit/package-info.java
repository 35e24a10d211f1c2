/** JUnit 5 support: one real local stack shared by the integration tests of a test JVM. */
@NullMarked
package io.outsight.stack.junit;

import org.jspecify.annotations.NullMarked;
