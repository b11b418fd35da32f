/** The contract between content classifiers ({@code text}) and their users ({@code engine}). */
@NullMarked
package org.fanzha.core.content;

import org.jspecify.annotations.NullMarked;
