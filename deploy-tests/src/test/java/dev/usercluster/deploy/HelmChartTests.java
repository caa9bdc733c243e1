package dev.usercluster.deploy;

import java.util.List;
import java.util.Map;

import com.marcnuri.helm.Helm;
import com.marcnuri.helm.LintResult;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import static dev.usercluster.deploy.RenderedChart.at;
import static dev.usercluster.deploy.RenderedChart.container;
import static dev.usercluster.deploy.RenderedChart.env;
import static dev.usercluster.deploy.RenderedChart.labelsMatch;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatException;

/**
 * The Helm chart, linted and rendered by Helm itself (helm-java), then checked manifest
 * by manifest.
 */
class HelmChartTests {

	private static final String GATEWAY = RenderedChart.RELEASE + "-gateway-master";

	private static final String FOLLOWER = RenderedChart.RELEASE + "-user-follower";

	private static RenderedChart chart;

	@BeforeAll
	static void render() {
		chart = RenderedChart.render();
	}

	@Test
	void lintFindsNothingWrongEvenWhenStrict() {
		LintResult lint = new Helm(RenderedChart.CHART).lint().strict().call();
		assertThat(lint.isFailed()).as(String.join("\n", lint.getMessages())).isFalse();
	}

	@Test
	void bothServicesProbeTheirHealthGroups() {
		for (String name : List.of(GATEWAY, FOLLOWER)) {
			Map<String, Object> container = container(chart.get("Deployment", name));
			assertThat((String) at(container, "livenessProbe", "httpGet", "path"))
				.isEqualTo("/actuator/health/liveness");
			assertThat((String) at(container, "readinessProbe", "httpGet", "path"))
				.isEqualTo("/actuator/health/readiness");
			assertThat((String) at(container, "startupProbe", "httpGet", "path"))
				.isEqualTo("/actuator/health/liveness");
			assertThat((Object) at(container, "livenessProbe", "httpGet", "port")).isEqualTo("http");
		}
	}

	@Test
	void bothPausePreStopWithinTheGracePeriod() {
		for (String name : List.of(GATEWAY, FOLLOWER)) {
			Map<String, Object> deployment = chart.get("Deployment", name);
			List<String> command = at(container(deployment), "lifecycle", "preStop", "exec", "command");
			assertThat(command).hasSize(2).first().isEqualTo("sleep");
			int pause = Integer.parseInt(command.get(1));
			int grace = at(deployment, "spec", "template", "spec", "terminationGracePeriodSeconds");
			// the pause, then the graceful shutdown's 20 s phase
			assertThat(grace).isGreaterThanOrEqualTo(pause + 20);
		}
	}

	@Test
	void bothRunAsNonRootOnAReadOnlyRootWithAWritableTmp() {
		for (String name : List.of(GATEWAY, FOLLOWER)) {
			Map<String, Object> pod = at(chart.get("Deployment", name), "spec", "template", "spec");
			assertThat((Boolean) at(pod, "securityContext", "runAsNonRoot")).isTrue();
			assertThat((Integer) at(pod, "securityContext", "runAsUser")).isEqualTo(10001);
			assertThat((Boolean) at(pod, "automountServiceAccountToken")).isFalse();
			Map<String, Object> container = container(chart.get("Deployment", name));
			Map<String, Object> security = at(container, "securityContext");
			assertThat(security).containsEntry("allowPrivilegeEscalation", false)
				.containsEntry("readOnlyRootFilesystem", true)
				.containsEntry("privileged", false);
			assertThat((List<String>) at(security, "capabilities", "drop")).containsExactly("ALL");
			List<Map<String, Object>> mounts = at(container, "volumeMounts");
			assertThat(mounts).singleElement()
				.satisfies((mount) -> assertThat(mount).containsEntry("mountPath", "/tmp"));
			List<Map<String, Object>> volumes = at(pod, "volumes");
			assertThat(volumes).singleElement()
				.satisfies((volume) -> assertThat(volume).containsEntry("name", mount(mounts)).containsKey("emptyDir"));
		}
	}

	private static Object mount(List<Map<String, Object>> mounts) {
		return mounts.get(0).get("name");
	}

	@Test
	void onlyTheGatewayHasAService() {
		Map<String, Object> followerLabels = at(chart.get("Deployment", FOLLOWER), "spec", "template", "metadata",
				"labels");
		Map<String, Object> gatewayLabels = at(chart.get("Deployment", GATEWAY), "spec", "template", "metadata",
				"labels");
		List<Map<String, Object>> services = chart.ofKind("Service");
		assertThat(services).singleElement().satisfies((service) -> {
			Map<String, Object> selector = at(service, "spec", "selector");
			assertThat(labelsMatch(selector, gatewayLabels)).isTrue();
			assertThat(labelsMatch(selector, followerLabels)).isFalse();
		});
	}

	@Test
	void followersTrustTheGatewayPodRangesAndTheIngress() {
		Map<String, Object> container = container(chart.get("Deployment", FOLLOWER));
		assertThat(env(container, "SERVER_TOMCAT_REMOTEIP_INTERNAL_PROXIES")).containsEntry("value",
				"10.0.0.0/8,172.16.0.0/12,192.168.0.0/16,fd00::/8");

		Map<String, Object> withIngress = container(RenderedChart
			.render("follower.trustedProxies[0]", "10.244.0.0/16", "gateway.ingress.trustedAddresses[0]",
					"10.96.5.0/24")
			.get("Deployment", FOLLOWER));
		assertThat(env(withIngress, "SERVER_TOMCAT_REMOTEIP_INTERNAL_PROXIES")).containsEntry("value",
				"10.244.0.0/16,10.96.5.0/24");
	}

	@Test
	void hashConcurrencyFollowsTheFollowersCpuLimit() {
		Map<String, Object> container = container(chart.get("Deployment", FOLLOWER));
		Map<String, Object> hashes = env(container, "USER_CLUSTER_PASSWORDS_MAX_CONCURRENT_HASHES");
		assertThat((Map<String, Object>) at(hashes, "valueFrom", "resourceFieldRef"))
			.containsEntry("containerName", container.get("name"))
			.containsEntry("resource", "limits.cpu");
		assertThat((Object) at(container, "resources", "limits", "cpu")).isNotNull();

		Map<String, Object> fixed = container(
				RenderedChart.render("follower.maxConcurrentHashes", "3").get("Deployment", FOLLOWER));
		assertThat(env(fixed, "USER_CLUSTER_PASSWORDS_MAX_CONCURRENT_HASHES")).containsEntry("value", "3");
	}

	@Test
	void secretsComeFromTheChartsSecretOrAnExistingOne() {
		Map<String, Object> container = container(
				RenderedChart.render("secrets.adminToken", "s3cret").get("Deployment", FOLLOWER));
		String secretName = RenderedChart.RELEASE + "-secrets";
		assertThat((Map<String, Object>) at(env(container, "USER_CLUSTER_ADMIN_TOKEN"), "valueFrom", "secretKeyRef"))
			.containsEntry("name", secretName)
			.containsEntry("key", "admin-token");
		assertThat((Map<String, Object>) at(env(container, "SPRING_DATASOURCE_PASSWORD"), "valueFrom", "secretKeyRef"))
			.containsEntry("name", secretName)
			.containsEntry("optional", false);
		RenderedChart withToken = RenderedChart.render("secrets.adminToken", "s3cret");
		assertThat((Map<String, Object>) at(withToken.get("Secret", secretName), "stringData"))
			.containsEntry("admin-token", "s3cret");
		// the token is in the Secret only, never in a Deployment's text
		assertThat(withToken.ofKind("Deployment").toString()).doesNotContain("s3cret");

		RenderedChart existing = RenderedChart.render("existingSecret", "accounts-credentials");
		assertThat(existing.ofKind("Secret")).isEmpty();
		assertThat((String) at(env(container(existing.get("Deployment", FOLLOWER)), "USER_CLUSTER_ADMIN_TOKEN"),
				"valueFrom", "secretKeyRef", "name"))
			.isEqualTo("accounts-credentials");
	}

	@Test
	void redisStandaloneOrClusterNodes() {
		Map<String, Object> standalone = container(chart.get("Deployment", FOLLOWER));
		assertThat(env(standalone, "SPRING_DATA_REDIS_HOST")).containsEntry("value", "redis");

		Map<String, Object> cluster = container(
				RenderedChart.render("redis.clusterNodes[0]", "redis-0:6379", "redis.clusterNodes[1]", "redis-1:6379")
					.get("Deployment", FOLLOWER));
		assertThat(env(cluster, "SPRING_DATA_REDIS_CLUSTER_NODES")).containsEntry("value", "redis-0:6379,redis-1:6379");
		assertThat(cluster.toString()).doesNotContain("SPRING_DATA_REDIS_HOST");
	}

	@Test
	void bothScaleAndKeepPodsThroughDisruptions() {
		for (String name : List.of(GATEWAY, FOLLOWER)) {
			Map<String, Object> hpa = chart.get("HorizontalPodAutoscaler", name);
			assertThat((String) at(hpa, "spec", "scaleTargetRef", "name")).isEqualTo(name);
			assertThat((Integer) at(hpa, "spec", "minReplicas")).isGreaterThanOrEqualTo(2);
			// the autoscaler owns the replica count
			assertThat((Object) at(chart.get("Deployment", name), "spec", "replicas")).isNull();

			Map<String, Object> pdb = chart.get("PodDisruptionBudget", name);
			Map<String, Object> podLabels = at(chart.get("Deployment", name), "spec", "template", "metadata", "labels");
			assertThat(labelsMatch(at(pdb, "spec", "selector", "matchLabels"), podLabels)).isTrue();
			assertThat((Integer) at(pdb, "spec", "maxUnavailable")).isEqualTo(1);
		}
		RenderedChart fixed = RenderedChart.render("follower.autoscaling.enabled", false, "follower.replicas", 3);
		assertThat(fixed.has("HorizontalPodAutoscaler", FOLLOWER)).isFalse();
		assertThat((Integer) at(fixed.get("Deployment", FOLLOWER), "spec", "replicas")).isEqualTo(3);
	}

	@Test
	void onlyTheGatewayReachesFollowersAndOnlyFollowersReachTheStores() {
		Map<String, Object> gatewayLabels = at(chart.get("Deployment", GATEWAY), "spec", "template", "metadata",
				"labels");
		Map<String, Object> followerPolicy = chart.get("NetworkPolicy", FOLLOWER);
		List<Map<String, Object>> ingress = at(followerPolicy, "spec", "ingress");
		assertThat(ingress).singleElement().satisfies((rule) -> {
			List<Map<String, Object>> from = at(rule, "from");
			assertThat(from).singleElement()
				.satisfies((peer) -> assertThat(labelsMatch(at(peer, "podSelector", "matchLabels"), gatewayLabels))
					.isTrue());
		});
		assertThat(egressPorts(followerPolicy)).contains(2181, 3306, 6379, 53);

		Map<String, Object> gatewayPolicy = chart.get("NetworkPolicy", GATEWAY);
		assertThat((List<String>) at(gatewayPolicy, "spec", "policyTypes")).containsExactly("Ingress", "Egress");
		assertThat(egressPorts(gatewayPolicy)).containsOnly(8080, 2181, 53).doesNotContain(3306, 6379);

		RenderedChart inCluster = RenderedChart.render("networkPolicy.storePodSelectors[0].app", "mysql");
		Map<String, Object> store = inCluster.get("NetworkPolicy", RenderedChart.RELEASE + "-store-0");
		assertThat((Map<String, Object>) at(store, "spec", "podSelector", "matchLabels")).containsEntry("app", "mysql");
		assertThat(store.toString()).contains("user-follower").doesNotContain("gateway-master");
	}

	private static List<Integer> egressPorts(Map<String, Object> policy) {
		List<Map<String, Object>> egress = at(policy, "spec", "egress");
		return egress.stream()
			.flatMap((rule) -> ((List<Map<String, Object>>) rule.get("ports")).stream())
			.map((port) -> (Integer) port.get("port"))
			.toList();
	}

	@Test
	void tracesAreExportedAndLogsAreJsonOnlyWhenAsked() {
		String endpoint = "http://otel-collector.monitoring:4318/v1/traces";
		for (String name : List.of(GATEWAY, FOLLOWER)) {
			List<Map<String, Object>> env = at(container(chart.get("Deployment", name)), "env");
			assertThat(env).extracting((entry) -> entry.get("name"))
				.contains("MANAGEMENT_TRACING_SAMPLING_PROBABILITY")
				.doesNotContain("MANAGEMENT_OPENTELEMETRY_TRACING_EXPORT_OTLP_ENDPOINT",
						"LOGGING_STRUCTURED_FORMAT_CONSOLE");
			assertThat(egressPorts(chart.get("NetworkPolicy", name))).doesNotContain(4318);
		}
		RenderedChart asked = RenderedChart.render("tracing.otlpEndpoint", endpoint, "logging.structuredFormat", "ecs");
		for (String name : List.of(GATEWAY, FOLLOWER)) {
			Map<String, Object> container = container(asked.get("Deployment", name));
			assertThat(env(container, "MANAGEMENT_OPENTELEMETRY_TRACING_EXPORT_OTLP_ENDPOINT")).containsEntry("value",
					endpoint);
			assertThat(env(container, "LOGGING_STRUCTURED_FORMAT_CONSOLE")).containsEntry("value", "ecs");
			assertThat(egressPorts(asked.get("NetworkPolicy", name))).contains(4318);
		}
		assertThatException().isThrownBy(() -> RenderedChart.template("logging.structuredFormat", "xml").call())
			.withMessageContaining("structuredFormat");
		assertThatException().isThrownBy(() -> RenderedChart.template("tracing.otlpEndpoint", "collector:4318").call())
			.withMessageContaining("otlpEndpoint");
	}

	@Test
	void ingressIsOptional() {
		assertThat(chart.ofKind("Ingress")).isEmpty();
		Map<String, Object> ingress = RenderedChart
			.render("gateway.ingress.enabled", true, "gateway.ingress.host", "accounts.example.org")
			.get("Ingress", GATEWAY);
		assertThat((String) at(ingress, "spec", "rules").toString()).contains("accounts.example.org", GATEWAY);
	}

	@Test
	void theSchemaRefusesValuesTheServicesWouldRefuse() {
		assertThatException().isThrownBy(() -> RenderedChart.template("follower.sessions.policy", "evict").call())
			.withMessageContaining("policy");
		assertThatException().isThrownBy(() -> RenderedChart.template("follower.trustedProxies[0]", "gateway").call())
			.withMessageContaining("trustedProxies");
		assertThatException().isThrownBy(() -> RenderedChart.template("zookeeper.connectString", "").call())
			.withMessageContaining("connectString");
	}

	@Test
	void theGrafanaDashboardShipsWhenAsked() {
		assertThat(chart.ofKind("ConfigMap")).isEmpty();
		Map<String, Object> configMap = RenderedChart.render("grafana.dashboard.enabled", true)
			.get("ConfigMap", RenderedChart.RELEASE + "-grafana-dashboard");
		assertThat((Map<String, Object>) at(configMap, "metadata", "labels")).containsEntry("grafana_dashboard", "1");
		String json = at(configMap, "data", "user-cluster.json");
		// JSON is YAML: the dashboard parses, and graphs the services' metrics
		Map<String, Object> dashboard = RenderedChart.parse(json).get(0);
		assertThat((String) dashboard.get("title")).isEqualTo("user-cluster");
		assertThat(json).contains("user_cluster_logins_total", "user_cluster_presence_events_total",
				"http_client_requests_seconds");
	}

}
