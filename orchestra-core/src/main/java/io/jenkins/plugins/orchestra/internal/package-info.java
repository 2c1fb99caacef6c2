/** Helpers shared by Orchestra's features. This package carries no compatibility promise. */
package io.jenkins.plugins.orchestra.internal;
