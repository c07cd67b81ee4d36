# The Consul ACL policy a Vent process needs (Consul 1.8 rule syntax). docs/SECURITY.md explains
# each rule; ConsulAclIT and SentinelConsulAclIT run Vent with a token of exactly this policy, and
# `./vent up` puts this file into the policy `vent` of its Consul at every start and gives the
# processes a token of it (docs/SECURITY.md, "Generated credentials").

# Register, health-check (TTL pass) and deregister its Dubbo services, and discover the other
# providers. Dubbo names the services after their Java interfaces: dev.vent.user.v1.UserService, ...
service_prefix "dev.vent." {
  policy = "write"
}

# vent-web registers itself (HTTP check on its readiness URL), and every process registers its
# metrics endpoint as vent-metrics (meta application, instance, path), where Prometheus discovers
# it (docs/OPERATIONS.md, docs/LAUNCHER.md "Monitoring").
service "vent-web" {
  policy = "write"
}
service "vent-metrics" {
  policy = "write"
}

# Prometheus's Consul service discovery runs with this token: it lists the catalog's services and
# watches vent-metrics. Read only; the rules above still decide what may be written.
service_prefix "" {
  policy = "read"
}

# Health queries (and Prometheus's discovery) list only instances on nodes the token may read.
node_prefix "" {
  policy = "read"
}

# Sentinel rules: every instance watches vent/sentinel/<application>/<type>, and writes there
# when the Sentinel dashboard pushes rules.
key_prefix "vent/sentinel/" {
  policy = "write"
}

# Global configuration: every instance watches vent/config/ (docs/CONFIG.md); read only.
key_prefix "vent/config/" {
  policy = "read"
}
