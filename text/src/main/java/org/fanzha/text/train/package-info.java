/**
 * Training of the content model: data set readers, the hand-written template corpus, the LIBLINEAR
 * trainer and the {@link org.fanzha.text.train.TrainMain} command that makes the shipped model.
 */
@NullMarked
package org.fanzha.text.train;

import org.jspecify.annotations.NullMarked;
