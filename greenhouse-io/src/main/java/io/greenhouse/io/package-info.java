/**
 * Cooperative sockets, pipes and files: blocking in style, never blocking the hub's thread.
 */
package io.greenhouse.io;
