/** The bundled demo: short outsourcing articles written for the project, served by an in-process HTTP server. */
@NullMarked
package io.outsight.app.demo;

import org.jspecify.annotations.NullMarked;
