/**
 * The election and its values: identity, candidates, grade scale, lifecycle state. Entities guard
 * their own invariants; the state changes only through transition methods.
 */
package org.openprimary.voting.entity;
