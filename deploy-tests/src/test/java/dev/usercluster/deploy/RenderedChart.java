package dev.usercluster.deploy;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.stream.Collectors;

import com.marcnuri.helm.Helm;
import com.marcnuri.helm.TemplateCommand;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;

/**
 * The chart as {@code helm template} renders it, parsed into one map per manifest.
 */
final class RenderedChart {

	/** The chart, relative to this module (Surefire runs in the module's folder). */
	static final Path CHART = Path.of("..", "helm", "user-cluster");

	static final String RELEASE = "uc";

	private final List<Map<String, Object>> manifests;

	private RenderedChart(List<Map<String, Object>> manifests) {
		this.manifests = manifests;
	}

	/**
	 * Renders the chart with the given {@code --set} values (key, value pairs).
	 */
	static RenderedChart render(Object... keysAndValues) {
		String yaml = template(keysAndValues).call();
		if (keysAndValues.length == 0) {
			write(yaml);
		}
		return new RenderedChart(parse(yaml));
	}

	// the default rendering, for a person to read after a failure
	private static void write(String yaml) {
		try {
			Files.writeString(Files.createDirectories(Path.of("target")).resolve("rendered-chart.yaml"), yaml);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	static TemplateCommand template(Object... keysAndValues) {
		TemplateCommand template = new Helm(CHART).template()
			.withName(RELEASE)
			.withNamespace("accounts")
			.withKubeVersion("1.30.0");
		for (int i = 0; i < keysAndValues.length; i += 2) {
			template.set((String) keysAndValues[i], keysAndValues[i + 1]);
		}
		return template;
	}

	@SuppressWarnings("unchecked")
	static List<Map<String, Object>> parse(String yaml) {
		List<Map<String, Object>> manifests = new ArrayList<>();
		for (Object document : new Yaml(new SafeConstructor(new LoaderOptions())).loadAll(yaml)) {
			if (document != null) {
				manifests.add((Map<String, Object>) document);
			}
		}
		return manifests;
	}

	List<Map<String, Object>> all() {
		return this.manifests;
	}

	List<Map<String, Object>> ofKind(String kind) {
		return this.manifests.stream()
			.filter((manifest) -> kind.equals(manifest.get("kind")))
			.collect(Collectors.toList());
	}

	Map<String, Object> get(String kind, String name) {
		return ofKind(kind).stream()
			.filter((manifest) -> name.equals(at(manifest, "metadata", "name")))
			.findFirst()
			.orElseThrow(() -> new AssertionError("No " + kind + " " + name + " in " + names()));
	}

	boolean has(String kind, String name) {
		return ofKind(kind).stream().anyMatch((manifest) -> name.equals(at(manifest, "metadata", "name")));
	}

	private List<String> names() {
		return this.manifests.stream().map((m) -> m.get("kind") + "/" + at(m, "metadata", "name")).toList();
	}

	/** The one container of a Deployment. */
	static Map<String, Object> container(Map<String, Object> deployment) {
		List<Map<String, Object>> containers = at(deployment, "spec", "template", "spec", "containers");
		if (containers.size() != 1) {
			throw new AssertionError("Expected one container, got " + containers.size());
		}
		return containers.get(0);
	}

	/** The env entry of that name in a container. */
	static Map<String, Object> env(Map<String, Object> container, String name) {
		List<Map<String, Object>> env = at(container, "env");
		return env.stream()
			.filter((entry) -> name.equals(entry.get("name")))
			.findFirst()
			.orElseThrow(() -> new AssertionError("No env " + name + " in " + env));
	}

	/** The value at a path of map keys; null where the path ends early. */
	@SuppressWarnings("unchecked")
	static <T> T at(Object node, String... path) {
		Object current = node;
		for (String key : path) {
			if (!(current instanceof Map<?, ?> map)) {
				return null;
			}
			current = map.get(key);
		}
		return (T) current;
	}

	static boolean labelsMatch(Map<String, Object> selector, Map<String, Object> labels) {
		return selector.entrySet().stream().allMatch((e) -> Objects.equals(labels.get(e.getKey()), e.getValue()));
	}

}
