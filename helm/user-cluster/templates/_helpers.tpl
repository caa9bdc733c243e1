{{- define "user-cluster.secretName" -}}
{{- default (printf "%s-secrets" .Release.Name) .Values.existingSecret -}}
{{- end -}}

{{/* Environment shared by both services: standard Spring Boot properties (SPEC "Running it"). */}}
{{- define "user-cluster.commonEnv" -}}
- name: SERVER_PORT
  value: "8080"
- name: SPRING_CLOUD_ZOOKEEPER_CONNECT_STRING
  value: {{ .Values.zookeeper.connectString | quote }}
{{- end -}}

{{/* Probes, preStop pause and grace period; the same for both services. */}}
{{- define "user-cluster.podLifecycle" -}}
ports:
  - name: http
    containerPort: 8080
livenessProbe:
  httpGet: { path: /actuator/health/liveness, port: http }
  initialDelaySeconds: 20
  periodSeconds: 10
  failureThreshold: 3
readinessProbe:
  httpGet: { path: /actuator/health/readiness, port: http }
  initialDelaySeconds: 10
  periodSeconds: 5
  failureThreshold: 2
lifecycle:
  preStop:
    # keep serving while endpoints and load-balancer caches drop this pod; only then
    # does SIGTERM start Spring Boot's graceful shutdown (server.shutdown=graceful)
    exec:
      command: ["sleep", "{{ .Values.preStopSleepSeconds }}"]
{{- end -}}
