/**
 * Docker Swarm through the Engine API: services as raw JSON specs (so that nothing is lost on the
 * way back), their tasks and the cluster's nodes. Used by service discovery, the service updater
 * and host jobs; knows nothing about registries or policies.
 */
package dev.refit.docker.swarm;
