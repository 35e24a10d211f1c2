# The Outsight image: the `outsight` command line with every stage, run as `outsight worker ingest|enrich|index`
# by docker-compose.yml. Build from the repository root: docker build -t outsight .

# ---- build stage: the JDK, Maven (through the wrapper) and the sources --------------------------------------------
FROM eclipse-temurin:25.0.3_9-jdk-noble AS build
WORKDIR /src

# The poms first, so the layer with every dependency and plugin is rebuilt only when a pom changes.
COPY mvnw pom.xml ./
COPY .mvn/ .mvn/
COPY core/pom.xml core/
COPY stack/pom.xml stack/
COPY ingest/pom.xml ingest/
COPY enrich/pom.xml enrich/
COPY index/pom.xml index/
COPY app/pom.xml app/
RUN ./mvnw -B -q dependency:go-offline

# Then the sources. Tests run in CI (.ci/run), not in the image build.
COPY . .
RUN ./mvnw -B -DskipTests package

# ---- runtime stage: a JRE and the app distribution (the app jar plus its runtime dependencies in lib/) ------------
FROM eclipse-temurin:25.0.3_9-jre-noble

# A fixed numeric id, so orchestrators that insist on a non-root user (runAsNonRoot) can verify it.
RUN groupadd --system --gid 10001 outsight \
    && useradd --system --uid 10001 --gid outsight --home-dir /var/lib/outsight --create-home \
       --shell /usr/sbin/nologin outsight

COPY --from=build /src/app/target/outsight-app.jar /opt/outsight/outsight-app.jar
COPY --from=build /src/app/target/lib/ /opt/outsight/lib/

# The working folder is writable by the outsight user: relative paths (such as the default stack.data-dir) land here.
WORKDIR /var/lib/outsight
USER 10001:10001

# The java launcher expands the lib/* class-path wildcard itself, so the exec form needs no shell.
# Pass extra JVM options with JAVA_TOOL_OPTIONS; configure Outsight with OUTSIGHT_* variables.
ENTRYPOINT ["java", "-XX:MaxRAMPercentage=75", "-cp", "/opt/outsight/outsight-app.jar:/opt/outsight/lib/*", "io.outsight.app.Main"]
CMD ["--help"]
