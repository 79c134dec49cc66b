/**
 * Placement, shared by the directory and the engine agent so that both choose alike by construction: a pico's
 * {@link org.picomesh.contracts.placement.PlacementPolicy} (a JSON document with a published schema, read and
 * validated by {@link org.picomesh.contracts.placement.PolicyDocument}), the
 * {@link org.picomesh.contracts.placement.Ranking} of engines it implies (constraints, weighted scores, exclusion
 * reasons, provenance), and the {@link org.picomesh.contracts.placement.MoveGate} that keeps a pico from flapping.
 * Pure code: no clock, no I/O but the schema's resource.
 */
package org.picomesh.contracts.placement;
