package dev.usercluster.deploy;

import java.util.Map;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.MapperFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.introspect.Annotated;
import com.fasterxml.jackson.databind.introspect.JacksonAnnotationIntrospector;
import com.fasterxml.jackson.databind.json.JsonMapper;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.autoscaling.v2.HorizontalPodAutoscaler;
import io.fabric8.kubernetes.api.model.networking.v1.Ingress;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicy;
import io.fabric8.kubernetes.api.model.policy.v1.PodDisruptionBudget;

/**
 * The Kubernetes API's schema, as fabric8's typed model of it: a manifest binds to the
 * type its {@code apiVersion} and {@code kind} name, and a field the type does not have
 * (misspelt, misplaced, or of a removed API version) is refused with its path. The model
 * keeps unknown fields in an "additional properties" map; this mapper takes that away.
 */
final class KubernetesSchema {

	/** The API versions and kinds the chart renders, each with its type. */
	private static final Map<String, Class<? extends HasMetadata>> TYPES = Map.of("apps/v1 Deployment",
			Deployment.class, "v1 Service", Service.class, "v1 Secret", Secret.class, "v1 ConfigMap", ConfigMap.class,
			"networking.k8s.io/v1 Ingress", Ingress.class, "networking.k8s.io/v1 NetworkPolicy", NetworkPolicy.class,
			"policy/v1 PodDisruptionBudget", PodDisruptionBudget.class, "autoscaling/v2 HorizontalPodAutoscaler",
			HorizontalPodAutoscaler.class);

	private static final ObjectMapper STRICT = JsonMapper.builder()
		.annotationIntrospector(new JacksonAnnotationIntrospector() {
			@Override
			public Boolean hasAnySetter(Annotated annotated) {
				return false;
			}
		})
		.enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
		.enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
		.disable(MapperFeature.ALLOW_COERCION_OF_SCALARS)
		.build();

	private KubernetesSchema() {
	}

	/**
	 * Bind a manifest to its type.
	 * @throws IllegalArgumentException naming the manifest and the first field the type
	 * refuses, or an API version and kind that is not one of the chart's
	 */
	static HasMetadata check(Map<String, Object> manifest) {
		String type = manifest.get("apiVersion") + " " + manifest.get("kind");
		Class<? extends HasMetadata> model = TYPES.get(type);
		if (model == null) {
			throw new IllegalArgumentException("Not a type the chart may render: " + type);
		}
		try {
			return STRICT.convertValue(manifest, model);
		}
		catch (IllegalArgumentException ex) {
			throw new IllegalArgumentException(
					type + " " + RenderedChart.at(manifest, "metadata", "name") + ": " + ex.getMessage(), ex);
		}
	}

}
