//! Every way importing, quantising, proving or verifying can fail, each naming the problem.

/// An error of `veritas-zkml`.
#[derive(Debug, thiserror::Error)]
pub enum ZkmlError {
	/// The bytes are not an ONNX protobuf.
	#[error("not a valid ONNX file: {0}")]
	OnnxDecode(String),
	/// The ONNX file has no graph.
	#[error("the ONNX file has no graph")]
	MissingGraph,
	/// An operator outside the supported set (Gemm, MatMul, Add, Relu, Flatten, Reshape).
	#[error(
		"unsupported ONNX operator `{op_type}` (node `{node}`): only sequential MLPs of Gemm, \
		 MatMul+Add, Relu, Flatten and Reshape are supported"
	)]
	UnsupportedOperator { node: String, op_type: String },
	/// A supported operator used in a way the circuit cannot express.
	#[error("node `{node}`: {reason}")]
	UnsupportedNode { node: String, reason: String },
	/// A tensor's shape does not fit the layer that uses it.
	#[error("shape mismatch at `{node}`: {reason}")]
	ShapeMismatch { node: String, reason: String },
	/// A weight tensor is missing or of an unsupported element type.
	#[error("tensor `{name}`: {reason}")]
	BadTensor { name: String, reason: String },
	/// The graph is not one chain from its input to its output.
	#[error("the graph is not a sequential MLP: {0}")]
	NotSequential(String),
	/// The model has more outputs than a proof can carry as public inputs.
	#[error("the model has {outputs} outputs; a proof carries at most {max}")]
	TooManyOutputs { outputs: usize, max: usize },
	/// The fixed-point scale is outside the supported range.
	#[error("fractional bits must be between 1 and {max}, got {got}")]
	BadScale { got: u32, max: u32 },
	/// A parameter does not fit its fixed-point type at the chosen scale.
	#[error("{what} {value} does not fit at 2^{frac_bits} scale (limit ±{limit})")]
	OutOfRange { what: &'static str, value: f64, frac_bits: u32, limit: f64 },
	/// A non-finite number (NaN or infinity) where a real was expected.
	#[error("{what} is not a finite number")]
	NotFinite { what: &'static str },
	/// Worst-case activations would not fit the arithmetic the circuit proves.
	#[error(
		"layer {layer}: worst-case accumulator needs {bits} bits, more than the {max} supported"
	)]
	ModelTooLarge { layer: usize, bits: u32, max: u32 },
	/// A serialised model or key could not be read.
	#[error("invalid {what}: {reason}")]
	Decode { what: &'static str, reason: String },
	/// A job input of the wrong length for the model.
	#[error("input has {got} bytes; this model takes {expected} ({elements} values of 2 bytes)")]
	InputLength { got: usize, expected: usize, elements: usize },
	/// A float input of the wrong length.
	#[error("input has {got} values; this model takes {expected}")]
	InputElements { got: usize, expected: usize },
	/// A proving key that belongs to another model.
	#[error("the proving key was made for another model (weights hash {key}, model {model})")]
	KeyMismatch { key: String, model: String },
	/// The constraint system refused the circuit.
	#[error("circuit synthesis failed: {0}")]
	Synthesis(String),
	/// Float inference (tract) failed.
	#[error("float inference failed: {0}")]
	Float(String),
	/// The verifier refused an encoding.
	#[error("verifier: {0:?}")]
	Verifier(veritas_verifier::VerifierError),
	/// A file could not be read or written.
	#[error("{path}: {source}")]
	Io { path: String, source: std::io::Error },
}

impl From<ark_relations::gr1cs::SynthesisError> for ZkmlError {
	fn from(error: ark_relations::gr1cs::SynthesisError) -> Self {
		ZkmlError::Synthesis(error.to_string())
	}
}

impl From<veritas_verifier::VerifierError> for ZkmlError {
	fn from(error: veritas_verifier::VerifierError) -> Self {
		ZkmlError::Verifier(error)
	}
}

/// Reads a file, naming it in the error.
pub fn read_file(path: &std::path::Path) -> Result<Vec<u8>, ZkmlError> {
	std::fs::read(path).map_err(|source| ZkmlError::Io { path: path.display().to_string(), source })
}

/// Writes a file, naming it in the error.
pub fn write_file(path: &std::path::Path, bytes: &[u8]) -> Result<(), ZkmlError> {
	std::fs::write(path, bytes)
		.map_err(|source| ZkmlError::Io { path: path.display().to_string(), source })
}
