# One Dockerfile for both services; MODULE picks which:
#   ./mvnw -B package -DskipTests
#   docker build --build-arg MODULE=user-follower  -t user-follower  .
#   docker build --build-arg MODULE=gateway-master -t gateway-master .
# Layered as the Spring Boot reference ("Dockerfiles") shows: dependencies change
# rarely and stay cached; only the application layer changes with each build.
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
# a container has its own network, so both services take a fixed port there
# (a follower outside a container defaults to any free port)
# Java 25 runs the Java 17 bytecode with virtual threads (spring.threads.virtual.enabled);
# Netty (Lettuce) asks for native access
ENV SERVER_PORT=8080 \
	JAVA_TOOL_OPTIONS="-XX:MaxRAMPercentage=75 --enable-native-access=ALL-UNNAMED"
EXPOSE 8080
USER 10001:10001
ENTRYPOINT ["java", "org.springframework.boot.loader.launch.JarLauncher"]
