/**
 * Content classification of Chinese (and, roughly, English) text by fraud type: the entry point
 * {@link org.fanzha.text.TextClassifiers} loads the shipped model as a {@link
 * org.fanzha.core.content.ContentClassifier}.
 */
@NullMarked
package org.fanzha.text;

import org.jspecify.annotations.NullMarked;
