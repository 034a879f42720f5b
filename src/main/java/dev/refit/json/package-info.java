/**
 * JSON read without databind's ObjectMapper, for the paths every short command takes (see {@link
 * dev.refit.json.JsonTrees}).
 */
@NullMarked
package dev.refit.json;

import org.jspecify.annotations.NullMarked;
