/** How far (chrF points) a target's pipeline may fall below its raw models before eval flags it. */
export const DEFAULT_MARGIN = 1.0;
