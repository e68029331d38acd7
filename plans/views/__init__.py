"""Plan views, one module per part of the walkthrough."""
