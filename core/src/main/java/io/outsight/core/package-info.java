/** What every stage shares: topic names; records, codec, ids and configuration live in sub-packages. */
@NullMarked
package io.outsight.core;

import org.jspecify.annotations.NullMarked;
