//! Named-entity tagging: a CRF over Arabic word features, trained on ANERcorp.
