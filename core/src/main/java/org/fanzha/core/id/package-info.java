/** Identifier normalisation, validation (GB 11643, Luhn, GB/T 2260) and display masking. */
@NullMarked
package org.fanzha.core.id;

import org.jspecify.annotations.NullMarked;
