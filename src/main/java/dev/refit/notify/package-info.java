/** Notifications: which events reach which notifier (script, webhook, chat, ntfy, Gotify, e-mail), with secrets masked. */
@NullMarked
package dev.refit.notify;

import org.jspecify.annotations.NullMarked;
