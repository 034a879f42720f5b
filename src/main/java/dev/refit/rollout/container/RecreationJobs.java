package dev.refit.rollout.container;

import com.fasterxml.jackson.databind.JsonNode;
import dev.refit.compose.ComposeChange;
import dev.refit.image.Digest;
import dev.refit.rollout.container.ContainerDependencies.Dependant;
import dev.refit.rollout.container.ContainerDependencies.Kind;
import dev.refit.rollout.container.RecreationPlan.Member;
import dev.refit.target.RefitLabels;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Works out what updating one container involves: the container itself, the containers sharing its
 * namespaces (recreated with it, pointing at the new one), those to restart afterwards, and how to
 * create each anew. Changes nothing.
 */
final class RecreationJobs {
  private final DockerContainerEngine ops;
  private final ConfigCopy copy;
  private final String location;

  RecreationJobs(DockerContainerEngine ops, ConfigCopy copy, String location) {
    this.ops = ops;
    this.copy = copy;
    this.location = location;
  }

  /**
   * The updated container and those sharing its namespaces, with how to create each anew.
   *
   * @param compose how its Compose files follow it: labels the new container gets instead of the
   *     old ones (the config hash), the file edits (journaled in the plan) and notes
   * @param backup what happens to its volumes, or {@code null}
   */
  Recreation.Job forUpdate(
      ContainerInfo current,
      String toReference,
      String fromDigest,
      Digest digest,
      ComposeChange compose,
      BackupPlan backup) {
    List<ContainerInfo> all = inventory();
    ContainerDependencies dependencies = ContainerDependencies.of(all);
    List<Member> members = new ArrayList<>();
    List<CreateRequest> requests = new ArrayList<>();
    List<Map<String, String>> labels = new ArrayList<>();
    members.add(new Member(current.name(), current.id(), current.imageId(), true));
    CreateRequest request = copy.copy(current, imageConfig(current.imageId()), toReference, Map.of());
    compose.labels().forEach(request.body().withObjectProperty("Labels")::put);
    requests.add(request);
    labels.add(current.labels());
    List<String> restart = new ArrayList<>();
    for (Dependant d : dependencies.dependantsOf(current.id())) {
      ContainerInfo dep = d.container();
      if (d.kind() == Kind.NAMESPACE) {
        members.add(new Member(dep.name(), dep.id(), dep.imageId(), dep.running()));
        requests.add(
            copy.copy(dep, imageConfig(dep.imageId()), sameImage(dep), Map.of(current.id(), current.name())));
        labels.add(dep.labels());
      } else if (dep.running()) {
        restart.add(dep.name());
      }
    }
    for (Member m : members.subList(1, members.size())) {
      if (ops.find(m.parkedName()).isPresent()) {
        throw new UpdateFailure("a container named " + m.parkedName() + " exists already; remove or rename it");
      }
    }
    RecreationPlan plan =
        new RecreationPlan(
            location,
            current.configImage(),
            toReference,
            fromDigest,
            digest == null ? null : digest.toString(),
            members,
            restart,
            compose.edits(),
            backup);
    return new Recreation.Job(
        plan, requests, labels, blankToNull(current.labels().get(RefitLabels.POST_UPDATE)),
        compose.written(), compose.notes());
  }

  /**
   * A dependant keeps its image: by the reference it was created with when that still names the
   * same image, else by id (the tag has moved meanwhile, and a re-point must not update it).
   */
  private String sameImage(ContainerInfo dep) {
    String reference = dep.configImage();
    if (reference != null
        && ops.api().findImage(reference).map(i -> i.path("Id").asText().equals(dep.imageId())).orElse(false)) {
      return reference;
    }
    return dep.imageId(); // (also when the tag is gone)
  }

  private JsonNode imageConfig(String imageId) {
    return ops.api()
        .findImage(imageId)
        .orElseThrow(
            () ->
                new UpdateFailure(
                    "the image it runs (" + imageId + ") is gone, so its defaults cannot be told apart from"
                        + " the container's own settings"))
        .path("Config");
  }

  /** Every container of the engine, running or not. */
  List<ContainerInfo> inventory() {
    List<ContainerInfo> all = new ArrayList<>();
    for (JsonNode c : ops.api().get("/containers/json?all=1")) {
      ops.find(c.path("Id").asText()).ifPresent(all::add);
    }
    return all;
  }

  private static String blankToNull(String s) {
    return s == null || s.isBlank() ? null : s;
  }
}
