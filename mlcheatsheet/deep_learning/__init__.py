"""Deep learning: convolutional, recurrent, embedding and attention layers, written in NumPy
on top of the layer interface of :mod:`mlcheatsheet.neural_networks.network`."""
