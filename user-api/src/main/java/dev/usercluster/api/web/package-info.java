/**
 * Everything in this package is non-null unless marked {@code @Nullable}.
 */
@NullMarked
package dev.usercluster.api.web;

import org.jspecify.annotations.NullMarked;
