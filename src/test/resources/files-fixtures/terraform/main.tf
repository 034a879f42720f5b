# Traefik in front of everything
locals {
  proxy_name    = "refit-test-registry:5000/files/traefik"
  proxy_version = "v2.10.7" # refit: semver:minor
  proxy_image   = "${local.proxy_name}:${local.proxy_version}"
}

resource "docker_container" "proxy" {
  name  = "proxy"
  image = local.proxy_image
}

resource "docker_container" "db" {
  name  = "db"
  image = "refit-test-registry:5000/files/postgres:${var.postgres_version}"
}
