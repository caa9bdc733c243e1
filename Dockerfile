# One Dockerfile for both services; MODULE picks which:
#   ./mvnw -B package -DskipTests
#   docker build --build-arg MODULE=user-follower  -t user-follower:0.1.0-SNAPSHOT  .
#   docker build --build-arg MODULE=gateway-master -t gateway-master:0.1.0-SNAPSHOT .
# Layered as the Spring Boot reference ("Dockerfiles") shows: dependencies change
# rarely and stay cached; only the application layer changes with each build.
# deploy-tests' DockerfileStepsIntegrationTests runs these steps without Docker (extract,
# the layered copy, the ENV and the ENTRYPOINT) on the real jars.
ARG MODULE=user-follower

FROM eclipse-temurin:25-jre AS builder
ARG MODULE
WORKDIR /builder
# the runnable jar carries the classifier "exec" (root pom); the plain jar is a library
COPY ${MODULE}/target/${MODULE}-*-exec.jar application.jar
RUN java -Djarmode=tools -jar application.jar extract --layers --launcher --destination extracted

FROM eclipse-temurin:25-jre
RUN groupadd --system --gid 10001 app \
	&& useradd --system --uid 10001 --gid app --no-create-home --shell /usr/sbin/nologin app
WORKDIR /application
COPY --from=builder /builder/extracted/dependencies/ ./
COPY --from=builder /builder/extracted/spring-boot-loader/ ./
COPY --from=builder /builder/extracted/snapshot-dependencies/ ./
COPY --from=builder /builder/extracted/application/ ./
# A container has its own network, so both services take a fixed port there (a follower
# outside a container defaults to any free port).
# JVM flags:
# - Java 25 runs the Java 17 bytecode with virtual threads (spring.threads.virtual.enabled
#   in follower.yml and gateway.yml; ignored on 17), and since Java 24 a virtual thread
#   no longer pins its carrier inside synchronized blocks (JEP 491);
# - MaxRAMPercentage: the heap follows the container's memory limit (the chart sets its
#   own per service, with the arithmetic in values.yaml);
# - ExitOnOutOfMemoryError: a JVM out of heap exits, so Kubernetes restarts the pod
#   rather than leaving it half working;
# - Netty (Lettuce) asks for native access, and warns without this flag;
# - metaspace and code cache bounded at about twice what a benchmark run used (~90 and
#   ~31 MB), so that neither grows unseen outside the heap;
# - MALLOC_ARENA_MAX=2: glibc otherwise keeps up to 8 malloc arenas per core, and in them
#   the freed 19 MiB buffers of libargon2's hashes and the JIT's memory (bench/run: the
#   gateway's RSS under load went from 640 to 362 MB with this and SerialGC).
# The JVM picks SerialGC itself in a container under 2 CPUs or 1792 MB (both charted
# services are), which bench/run sets explicitly on its 24 GB machine.
ENV SERVER_PORT=8080 \
	MALLOC_ARENA_MAX=2 \
	JAVA_TOOL_OPTIONS="-XX:MaxRAMPercentage=75 -XX:+ExitOnOutOfMemoryError --enable-native-access=ALL-UNNAMED -XX:MaxMetaspaceSize=160m -XX:ReservedCodeCacheSize=96m"
EXPOSE 8080
USER 10001:10001
ENTRYPOINT ["java", "org.springframework.boot.loader.launch.JarLauncher"]
