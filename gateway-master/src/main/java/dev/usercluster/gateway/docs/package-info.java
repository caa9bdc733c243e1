/**
 * Everything in this package is non-null unless marked {@code @Nullable}.
 */
@NullMarked
package dev.usercluster.gateway.docs;

import org.jspecify.annotations.NullMarked;
