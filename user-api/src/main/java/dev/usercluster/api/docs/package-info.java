/**
 * The OpenAPI description of the contract, shared by the apps that serve it. Everything
 * in this package is non-null unless marked {@code @Nullable}.
 */
@NullMarked
package dev.usercluster.api.docs;

import org.jspecify.annotations.NullMarked;
