{{- define "user-cluster.secretName" -}}
{{- default (printf "%s-secrets" .Release.Name) .Values.existingSecret -}}
{{- end -}}

{{/* Labels of one component's pods; the first two select them. */}}
{{- define "user-cluster.selectorLabels" -}}
app.kubernetes.io/name: {{ .component }}
app.kubernetes.io/instance: {{ .root.Release.Name }}
{{- end -}}

{{- define "user-cluster.labels" -}}
{{ include "user-cluster.selectorLabels" . }}
app.kubernetes.io/part-of: user-cluster
app.kubernetes.io/version: {{ .root.Chart.AppVersion | quote }}
app.kubernetes.io/managed-by: {{ .root.Release.Service }}
helm.sh/chart: {{ printf "%s-%s" .root.Chart.Name .root.Chart.Version }}
{{- end -}}

{{- define "user-cluster.image" -}}
{{- printf "%s%s:%s" .root.Values.image.registry .values.image.repository (default .root.Chart.AppVersion .values.image.tag) -}}
{{- end -}}

{{/* Environment shared by both services: standard Spring Boot properties. */}}
{{- define "user-cluster.commonEnv" -}}
# a container has its own network: both services take the port the probes use
- name: SERVER_PORT
  value: "8080"
- name: SPRING_CLOUD_ZOOKEEPER_CONNECT_STRING
  value: {{ .root.Values.zookeeper.connectString | quote }}
- name: JAVA_TOOL_OPTIONS
  value: {{ .values.javaToolOptions | quote }}
- name: MANAGEMENT_TRACING_SAMPLING_PROBABILITY
  value: {{ .root.Values.tracing.samplingProbability | quote }}
{{- with .root.Values.tracing.otlpEndpoint }}
# set only when asked: Boot takes an empty value as set
- name: MANAGEMENT_OPENTELEMETRY_TRACING_EXPORT_OTLP_ENDPOINT
  value: {{ . | quote }}
{{- end }}
{{- with .root.Values.logging.structuredFormat }}
- name: LOGGING_STRUCTURED_FORMAT_CONSOLE
  value: {{ . | quote }}
{{- end }}
{{- end -}}

{{/*
The pod spec both Deployments share: non-root, read-only root filesystem with an emptyDir
for /tmp (Tomcat's work directory, hsperfdata), probes, preStop pause.
Call with dict "root" $ "values" .Values.<component> "component" "<name>" "env" <yaml>.
*/}}
{{- define "user-cluster.podSpec" -}}
terminationGracePeriodSeconds: {{ .root.Values.terminationGracePeriodSeconds }}
# neither service talks to the Kubernetes API
automountServiceAccountToken: false
{{- with .root.Values.image.pullSecrets }}
imagePullSecrets:
  {{- toYaml . | nindent 2 }}
{{- end }}
securityContext:
  runAsNonRoot: true
  # the image's user (Dockerfile)
  runAsUser: 10001
  runAsGroup: 10001
  fsGroup: 10001
  seccompProfile:
    type: RuntimeDefault
containers:
  - name: {{ .component }}
    image: {{ include "user-cluster.image" . | quote }}
    imagePullPolicy: {{ .root.Values.image.pullPolicy }}
    securityContext:
      allowPrivilegeEscalation: false
      readOnlyRootFilesystem: true
      privileged: false
      capabilities:
        drop: ["ALL"]
    env:
      {{- include "user-cluster.commonEnv" . | nindent 6 }}
      {{- with .env }}
      {{- . | nindent 6 }}
      {{- end }}
      {{- with .values.extraEnv }}
      {{- toYaml . | nindent 6 }}
      {{- end }}
    ports:
      - name: http
        containerPort: 8080
    startupProbe:
      # up to 2 minutes to start: a follower may first wait for another's migration
      httpGet: { path: /actuator/health/liveness, port: http }
      periodSeconds: 2
      failureThreshold: 60
    livenessProbe:
      httpGet: { path: /actuator/health/liveness, port: http }
      periodSeconds: 10
      timeoutSeconds: 2
      failureThreshold: 3
    readinessProbe:
      httpGet: { path: /actuator/health/readiness, port: http }
      periodSeconds: 5
      timeoutSeconds: 2
      failureThreshold: 2
    lifecycle:
      preStop:
        # keep serving while endpoints and caches drop this pod; only then does SIGTERM
        # start Spring Boot's graceful shutdown (server.shutdown=graceful)
        exec:
          command: ["sleep", "{{ .values.preStopSleepSeconds }}"]
    resources:
      {{- toYaml .values.resources | nindent 6 }}
    volumeMounts:
      - name: tmp
        mountPath: /tmp
volumes:
  - name: tmp
    emptyDir:
      sizeLimit: 64Mi
{{- with .values.nodeSelector }}
nodeSelector:
  {{- toYaml . | nindent 2 }}
{{- end }}
{{- with .values.tolerations }}
tolerations:
  {{- toYaml . | nindent 2 }}
{{- end }}
{{- with .values.affinity }}
affinity:
  {{- toYaml . | nindent 2 }}
{{- end }}
{{- end -}}

{{- define "user-cluster.podAnnotations" -}}
{{- if .root.Values.metrics.podAnnotations -}}
prometheus.io/scrape: "true"
prometheus.io/path: /actuator/prometheus
prometheus.io/port: "8080"
{{- end }}
{{- end -}}

{{/* A secret value as an env entry. */}}
{{- define "user-cluster.secretEnv" -}}
- name: {{ .name }}
  valueFrom:
    secretKeyRef:
      name: {{ include "user-cluster.secretName" .root }}
      key: {{ .key }}
      optional: {{ .optional }}
{{- end -}}

{{/* The HPA and PDB of one component. */}}
{{- define "user-cluster.scaling" -}}
{{- if .values.autoscaling.enabled }}
apiVersion: autoscaling/v2
kind: HorizontalPodAutoscaler
metadata:
  name: {{ .root.Release.Name }}-{{ .component }}
  labels:
    {{- include "user-cluster.labels" . | nindent 4 }}
spec:
  scaleTargetRef:
    apiVersion: apps/v1
    kind: Deployment
    name: {{ .root.Release.Name }}-{{ .component }}
  minReplicas: {{ .values.autoscaling.minReplicas }}
  maxReplicas: {{ .values.autoscaling.maxReplicas }}
  metrics:
    - type: Resource
      resource:
        name: cpu
        target:
          type: Utilization
          averageUtilization: {{ .values.autoscaling.targetCPUUtilizationPercentage }}
{{- end }}
{{- if .values.pdb.enabled }}
---
apiVersion: policy/v1
kind: PodDisruptionBudget
metadata:
  name: {{ .root.Release.Name }}-{{ .component }}
  labels:
    {{- include "user-cluster.labels" . | nindent 4 }}
spec:
  maxUnavailable: {{ .values.pdb.maxUnavailable }}
  selector:
    matchLabels:
      {{- include "user-cluster.selectorLabels" . | nindent 6 }}
{{- end }}
{{- end -}}

{{/* The follower's own environment: stores, secrets, trusted proxies, hashing. */}}
{{- define "user-cluster.followerEnv" -}}
{{- $v := .root.Values -}}
- name: SPRING_DATASOURCE_URL
  value: {{ $v.mysql.url | quote }}
- name: SPRING_DATASOURCE_USERNAME
  value: {{ $v.mysql.username | quote }}
{{ include "user-cluster.secretEnv" (dict "root" .root "name" "SPRING_DATASOURCE_PASSWORD" "key" $v.secretKeys.mysqlPassword "optional" false) }}
{{- if $v.redis.clusterNodes }}
- name: SPRING_DATA_REDIS_CLUSTER_NODES
  value: {{ join "," $v.redis.clusterNodes | quote }}
{{- else }}
- name: SPRING_DATA_REDIS_HOST
  value: {{ $v.redis.host | quote }}
- name: SPRING_DATA_REDIS_PORT
  value: {{ $v.redis.port | quote }}
- name: SPRING_DATA_REDIS_DATABASE
  value: {{ $v.redis.database | quote }}
{{- end }}
{{ include "user-cluster.secretEnv" (dict "root" .root "name" "SPRING_DATA_REDIS_PASSWORD" "key" $v.secretKeys.redisPassword "optional" true) }}
{{ include "user-cluster.secretEnv" (dict "root" .root "name" "USER_CLUSTER_ADMIN_TOKEN" "key" $v.secretKeys.adminToken "optional" true) }}
# followers believe X-Forwarded-For only from the gateway (and ingress) pods
- name: SERVER_TOMCAT_REMOTEIP_INTERNAL_PROXIES
  value: {{ join "," (concat $v.follower.trustedProxies $v.gateway.ingress.trustedAddresses) | quote }}
- name: USER_CLUSTER_PASSWORDS_MAX_CONCURRENT_HASHES
{{- if $v.follower.maxConcurrentHashes }}
  value: {{ $v.follower.maxConcurrentHashes | quote }}
{{- else }}
  # the CPU limit in whole cores, rounded up
  valueFrom:
    resourceFieldRef:
      containerName: user-follower
      resource: limits.cpu
      divisor: "1"
{{- end }}
- name: USER_CLUSTER_SESSIONS_TTL
  value: {{ $v.follower.sessions.ttl | quote }}
- name: USER_CLUSTER_SESSIONS_POLICY
  value: {{ $v.follower.sessions.policy | quote }}
{{- end -}}

{{/* An egress rule to a server: its ports, to its peers (none listed: any address). */}}
{{- define "user-cluster.egressRule" -}}
- ports:
    {{- range .ports }}
    - { port: {{ . }}, protocol: TCP }
    {{- end }}
  {{- with .to }}
  to:
    {{- toYaml . | nindent 4 }}
  {{- end }}
{{- end -}}

{{- define "user-cluster.dnsRule" -}}
- ports:
    {{- range .ports }}
    - { port: {{ . }}, protocol: UDP }
    - { port: {{ . }}, protocol: TCP }
    {{- end }}
  {{- with .to }}
  to:
    {{- toYaml . | nindent 4 }}
  {{- end }}
{{- end -}}
