/**
 * Tests of the deployment files at the repository root ({@code docker-compose.yml}, {@code Dockerfile},
 * {@code .dockerignore}). They run without a Docker engine: the compose file is checked against the Compose
 * Specification schema and for what a schema cannot express, the Dockerfile by reading its instructions.
 */
@NullMarked
package io.outsight.app.deploy;

import org.jspecify.annotations.NullMarked;
