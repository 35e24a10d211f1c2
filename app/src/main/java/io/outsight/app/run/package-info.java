/** What {@code outsight run} needs beyond the stages: following each URL until it is indexed or has a status. */
@NullMarked
package io.outsight.app.run;

import org.jspecify.annotations.NullMarked;
