/**
 * The web dashboard that {@code outsight serve} serves next to the HTTP API: one page, its ES modules and styles
 * from the class path, and the ECharts chart library from its WebJar (nothing is loaded from the internet).
 */
@NullMarked
package io.outsight.app.web;

import org.jspecify.annotations.NullMarked;
