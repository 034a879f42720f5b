/**
 * Host jobs: run one command once on every node of a swarm (a {@code global-job} service), wait
 * for each node's result, report it and clean up. For host maintenance such as {@code apt-get
 * dist-upgrade} through a chroot into the host's root.
 */
@NullMarked
package dev.refit.hostjob;

import org.jspecify.annotations.NullMarked;
