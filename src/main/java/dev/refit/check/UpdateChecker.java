package dev.refit.check;

import dev.refit.image.Digest;
import dev.refit.image.ImageReference;
import dev.refit.image.InvalidReferenceException;
import dev.refit.image.Platform;
import dev.refit.registry.ManifestDescriptor;
import dev.refit.registry.RegistryException;
import dev.refit.target.RefitLabels;
import dev.refit.target.Target;
import dev.refit.version.InvalidPolicyException;
import dev.refit.version.PolicyResolver;
import dev.refit.version.TagFilter;
import dev.refit.version.VersionPolicy;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.function.Supplier;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/**
 * Turns targets into verdicts: for each, is there a newer image by its policy? Targets running the
 * same image under the same rules are evaluated once, and the registry is asked each question once
 * per call, in parallel across images.
 */
public final class UpdateChecker {
  private static final Pattern IMAGE_ID = Pattern.compile("(sha256:)?[a-f0-9]{64}");

  private final RegistryQuestions registry;
  private final PolicyResolver policies;
  private final Supplier<Platform> platform;
  private final int parallelism;

  /**
   * @param platform the platform of the engine the targets run on, for multi-platform images:
   *     asked only when a tag points at an index the running image's digest is not (the engine
   *     tells it in a slow call)
   * @param parallelism images evaluated at once per registry (the registry client limits each host
   *     further)
   */
  public UpdateChecker(
      RegistryQuestions registry, PolicyResolver policies, Supplier<Platform> platform, int parallelism) {
    this.registry = registry;
    this.policies = policies;
    this.platform = platform;
    this.parallelism = parallelism;
  }

  /** Checks every target; never throws for one target's failure, which becomes its error result. */
  public List<CheckResult> check(List<Target> targets, CheckProgress progress) {
    return check(targets, Map.of(), progress);
  }

  /**
   * As {@link #check(List, CheckProgress)}, except that the targets in {@code wanted} are checked
   * against the exact image someone asked for, not their policy.
   *
   * @param wanted by target id
   */
  public List<CheckResult> check(
      List<Target> targets, Map<String, WantedImage> wanted, CheckProgress progress) {
    RegistryAnswers answers = new RegistryAnswers(registry);
    ExactImages exact = new ExactImages(new NewestImage(answers), platform);
    // By identity: each target of the list is its own, and a record's own hashCode would hash all
    // of its fields (labels, digests, rules) for each of hundreds of targets.
    Map<Target, CheckResult> early = new IdentityHashMap<>();
    Map<Target, Question> questionOf = new IdentityHashMap<>();
    for (Target target : targets) {
      Object prepared = prepare(target);
      WantedImage asked = wanted.get(target.id());
      if (prepared instanceof CheckResult result) {
        early.put(target, result);
      } else if (asked != null) {
        // few and asked for by name: checked one by one, before the policy questions
        Question q = (Question) prepared;
        early.put(target, exact.check(target, q.image(), q.localDigests(), asked));
      } else {
        questionOf.put(target, (Question) prepared);
      }
    }

    Map<Question, Verdict> verdicts =
        evaluateAll(new LinkedHashSet<>(questionOf.values()), answers, progress);

    List<CheckResult> results = new ArrayList<>(targets.size());
    for (Target target : targets) {
      CheckResult result = early.get(target);
      if (result == null) {
        // every target without an early result has a question, and every question a verdict
        Question question = Objects.requireNonNull(questionOf.get(target));
        Verdict v = Objects.requireNonNull(verdicts.get(question));
        result =
            new CheckResult(
                target,
                question.image(),
                v.current(),
                question.policy().toString(),
                v.status(),
                v.update(),
                v.reason());
      }
      results.add(result);
    }
    return results;
  }

  private Map<Question, Verdict> evaluateAll(
      Set<Question> questions, RegistryAnswers answers, CheckProgress progress) {
    NewestImage newest = new NewestImage(answers);
    return InParallel.answer(
        questions,
        parallelism,
        // one lane per registry: a registry that hangs holds up its own images only
        question -> registry.host(question.image()),
        question -> evaluate(question, newest),
        // evaluate() turns every expected failure into a verdict; anything else is a bug worth showing
        reason -> Verdict.error(null, reason),
        progress);
  }

  /** Either a finished {@link CheckResult} (skip, bad input) or a {@link Question} for the registry. */
  private Object prepare(Target target) {
    if (target.rules().problem() != null) {
      return CheckResult.error(target, null, null, null, target.rules().problem());
    }
    if (!target.rules().enabled()) {
      return CheckResult.skipped(target, null, "disabled (label " + RefitLabels.ENABLE + ")");
    }
    String text = target.image();
    if (text == null || IMAGE_ID.matcher(text).matches()) {
      return CheckResult.skipped(
          target, null, "runs an image by id, not by reference: nothing to compare with");
    }
    ImageReference image;
    try {
      image = ImageReference.parse(text);
    } catch (InvalidReferenceException e) {
      return CheckResult.error(target, null, null, null, e.getMessage());
    }
    if (!image.hasTag()) {
      return CheckResult.skipped(target, image, "pinned to a digest");
    }
    List<Digest> localDigests = localDigests(image, target.repoDigests());
    VersionPolicy policy;
    TagFilter filter;
    try {
      policy = policies.resolve(image.tagOrDefault(), target.rules().policy());
      filter = TagFilter.of(target.rules().include(), target.rules().exclude());
    } catch (InvalidPolicyException e) {
      Digest current = localDigests.isEmpty() ? null : localDigests.get(0);
      return CheckResult.error(target, image, current, target.rules().policy(), e.getMessage());
    }
    return new Question(
        image,
        policy,
        filter,
        localDigests);
  }

  /** The digests the registry gave this image's repository when the running image was pulled or pushed. */
  private static List<Digest> localDigests(ImageReference image, List<String> repoDigests) {
    Set<Digest> digests = new LinkedHashSet<>();
    if (image.hasDigest()) {
      digests.add(image.digest());
    }
    for (String entry : repoDigests) {
      try {
        ImageReference pulled = ImageReference.parse(entry);
        if (pulled.hasDigest() && pulled.name().equals(image.name())) {
          digests.add(pulled.digest());
        }
      } catch (InvalidReferenceException ignored) {
        // an entry the engine wrote that we cannot read says nothing about this repository
      }
    }
    return List.copyOf(digests);
  }

  private Verdict evaluate(Question question, NewestImage newest) {
    ImageReference image = question.image();
    VersionPolicy policy = question.policy();
    Digest current = question.localDigests().isEmpty() ? null : question.localDigests().get(0);
    try {
      Optional<String> newer = newest.newerTag(image, policy, question.filter());
      if (newer.isPresent()) {
        return Verdict.update(
            current,
            new AvailableUpdate(UpdateKind.TAG, image.withoutDigest().withTag(newer.get()), null));
      }
      if (!policy.checksDigest(image.tagOrDefault())) {
        return Verdict.upToDate(current);
      }
      ManifestDescriptor remote = newest.current(image);
      if (question.localDigests().isEmpty()) {
        return Verdict.error(
            null,
            "the image it runs has no registry digest (built or imported locally, never pulled"
                + " or pushed), so it cannot be compared with "
                + image.familiarForm());
      }
      Optional<Digest> running =
          newest.matching(image, remote, question.localDigests(), platform);
      if (running.isPresent()) {
        return Verdict.upToDate(running.get());
      }
      return Verdict.update(
          current,
          new AvailableUpdate(UpdateKind.DIGEST, image.withoutDigest(), remote.digest()));
    } catch (RegistryException e) {
      return Verdict.error(current, e.getMessage());
    }
  }

  /** One question for the registry, shared by every target that runs the same image by the same rules. */
  private record Question(
      ImageReference image, VersionPolicy policy, TagFilter filter, List<Digest> localDigests) {}

  private record Verdict(
      CheckStatus status,
      @Nullable Digest current,
      @Nullable AvailableUpdate update,
      @Nullable String reason) {
    static Verdict upToDate(@Nullable Digest current) {
      return new Verdict(CheckStatus.UP_TO_DATE, current, null, null);
    }

    static Verdict update(@Nullable Digest current, AvailableUpdate update) {
      return new Verdict(CheckStatus.UPDATE_AVAILABLE, current, update, null);
    }

    static Verdict error(@Nullable Digest current, @Nullable String reason) {
      return new Verdict(CheckStatus.ERROR, current, null, reason);
    }
  }
}
