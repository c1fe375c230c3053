//! ONNX import: a sequential MLP read from an ONNX protobuf (parsed by `tract-onnx`'s generated
//! bindings) into a [`FloatModel`], the export of a [`FloatModel`] back to ONNX, and float
//! inference of an ONNX file with tract, the reference the quantised model is measured against.
//!
//! Supported graphs are one chain from the single data input to the single output of `Gemm`
//! (`alpha`, `beta`, `transB`; no `transA`), `MatMul` followed by an optional bias `Add`, `Relu`
//! after a dense layer, and `Flatten`/`Reshape` that keep the vector as it is. Weights must be
//! initializers (float or double). Anything else is refused with an error naming the node.

use crate::{error::ZkmlError, model::DenseLayer, model::FloatModel};
use std::collections::HashMap;
use tract_onnx::{
	pb::{
		self, attribute_proto::AttributeType, tensor_proto::DataType,
		tensor_shape_proto::dimension::Value as DimensionValue, type_proto::Value as TypeValue,
	},
	prelude::*,
};

/// Parses an ONNX file's bytes into a float MLP.
pub fn import(onnx: &[u8]) -> Result<FloatModel, ZkmlError> {
	let proto = tract_onnx::onnx()
		.proto_model_for_read(&mut &onnx[..])
		.map_err(|e| ZkmlError::OnnxDecode(format!("{e:#}")))?;
	let graph = proto.graph.as_ref().ok_or(ZkmlError::MissingGraph)?;
	let initializers: HashMap<&str, &pb::TensorProto> =
		graph.initializer.iter().map(|t| (t.name.as_str(), t)).collect();

	let data_inputs: Vec<&pb::ValueInfoProto> = graph
		.input
		.iter()
		.filter(|input| !initializers.contains_key(input.name.as_str()))
		.collect();
	let [data_input] = data_inputs.as_slice() else {
		return Err(ZkmlError::NotSequential(format!(
			"expected one data input, found {}",
			data_inputs.len()
		)));
	};
	let [graph_output] = graph.output.as_slice() else {
		return Err(ZkmlError::NotSequential(format!(
			"expected one output, found {}",
			graph.output.len()
		)));
	};

	let mut chain = Chain { current: data_input.name.clone(), layers: Vec::new(), open: None };
	for node in &graph.node {
		chain.apply(node, &initializers)?;
	}
	if chain.current != graph_output.name {
		return Err(ZkmlError::NotSequential(format!(
			"the output `{}` is not the end of the chain `{}`",
			graph_output.name, chain.current
		)));
	}
	let Some(first) = chain.layers.first() else {
		return Err(ZkmlError::NotSequential("the graph has no dense layer".into()));
	};
	let input_len = first.inputs;
	if let Some(declared) = declared_elements(data_input) {
		if declared != input_len {
			return Err(ZkmlError::ShapeMismatch {
				node: data_input.name.clone(),
				reason: format!(
					"declared input has {declared} values, the first layer takes {input_len}"
				),
			});
		}
	}
	FloatModel::new(input_len, chain.layers)
}

/// The product of a value's known dimensions, when all but a batch dimension of 1 (or a
/// symbolic one) are known.
fn declared_elements(info: &pb::ValueInfoProto) -> Option<usize> {
	let TypeValue::TensorType(tensor) = info.r#type.as_ref()?.value.as_ref()?;
	let dims = &tensor.shape.as_ref()?.dim;
	let mut product = 1usize;
	for (axis, dim) in dims.iter().enumerate() {
		match &dim.value {
			Some(DimensionValue::DimValue(n)) => {
				product = product.checked_mul(usize::try_from(*n).ok()?)?
			}
			// A symbolic batch dimension.
			_ if axis == 0 => {}
			_ => return None,
		}
	}
	Some(product)
}

/// The walk along the graph: the name of the tensor the chain has reached and the layers so far.
struct Chain {
	current: String,
	layers: Vec<DenseLayer>,
	/// The tensor produced by the last dense layer while a bias `Add` or a `Relu` may still apply.
	open: Option<String>,
}

impl Chain {
	fn apply(
		&mut self,
		node: &pb::NodeProto,
		initializers: &HashMap<&str, &pb::TensorProto>,
	) -> Result<(), ZkmlError> {
		let name = if node.name.is_empty() { node.op_type.clone() } else { node.name.clone() };
		let unsupported =
			|reason: String| ZkmlError::UnsupportedNode { node: name.clone(), reason };
		let [output] = node.output.as_slice() else {
			return Err(unsupported(format!("expected one output, found {}", node.output.len())));
		};
		let data_position = node.input.iter().position(|input| *input == self.current);
		let Some(data_position) = data_position else {
			return Err(ZkmlError::NotSequential(format!(
				"node `{name}` does not consume `{}`, the output of the previous step",
				self.current
			)));
		};
		let constant = |index: usize| -> Result<Tensor32, ZkmlError> {
			let input = node
				.input
				.get(index)
				.ok_or_else(|| unsupported(format!("missing input {index}")))?;
			let tensor = initializers.get(input.as_str()).ok_or_else(|| {
				unsupported(format!("input `{input}` must be a constant initializer"))
			})?;
			tensor_values(tensor)
		};
		let open = self.open.take().filter(|tensor| *tensor == self.current);

		match node.op_type.as_str() {
			"Gemm" => {
				if data_position != 0 {
					return Err(unsupported("the data must be Gemm's first input".into()));
				}
				if int_attribute(node, "transA")?.unwrap_or(0) != 0 {
					return Err(unsupported("transA is not supported".into()));
				}
				let alpha = float_attribute(node, "alpha")?.unwrap_or(1.0);
				let beta = float_attribute(node, "beta")?.unwrap_or(1.0);
				let transposed = int_attribute(node, "transB")?.unwrap_or(0) != 0;
				let weights = constant(1)?;
				let mut layer = dense_from_matrix(&name, &weights, transposed, alpha)?;
				if node.input.len() > 2 && !node.input.get(2).is_some_and(|s| s.is_empty()) {
					let bias = constant(2)?;
					add_bias(&name, &mut layer, &bias, beta)?;
				}
				self.push_layer(&name, layer)?;
				self.open = Some(output.clone());
			}
			"MatMul" => {
				if data_position != 0 {
					return Err(unsupported("the data must be MatMul's first input".into()));
				}
				let weights = constant(1)?;
				let layer = dense_from_matrix(&name, &weights, false, 1.0)?;
				self.push_layer(&name, layer)?;
				self.open = Some(output.clone());
			}
			"Add" => {
				let Some(_) = open else {
					return Err(unsupported(
						"Add is supported only as the bias of a MatMul or Gemm".into(),
					));
				};
				let layer = self
					.layers
					.last_mut()
					.ok_or_else(|| unsupported("no layer to add to".into()))?;
				if layer.relu {
					return Err(unsupported("a bias after Relu is not supported".into()));
				}
				let bias = constant(1 - data_position.min(1))?;
				add_bias(&name, layer, &bias, 1.0)?;
				self.open = Some(output.clone());
			}
			"Relu" => {
				let layer = match (open, self.layers.last_mut()) {
					(Some(_), Some(layer)) => layer,
					_ => {
						return Err(unsupported(
							"Relu is supported only after a dense layer".into(),
						))
					}
				};
				layer.relu = true;
				self.open = Some(output.clone());
			}
			"Flatten" => {
				// On a vector (batch 1) flattening is the identity.
				self.open = open.map(|_| output.clone());
			}
			"Reshape" => {
				let shape = constant(1)?;
				let width = self.layers.last().map(|l| l.outputs);
				let keeps_vector = match (shape.values.as_slice(), width) {
					([_, -1.0], _) | ([-1.0], _) => true,
					([batch, n], Some(w)) => *batch <= 1.0 && *n == w as f32,
					([n], Some(w)) => *n == w as f32,
					([batch, _], None) => *batch <= 1.0,
					_ => false,
				};
				if !keeps_vector {
					return Err(ZkmlError::ShapeMismatch {
						node: name,
						reason: format!("Reshape to {:?} does not keep a vector", shape.values),
					});
				}
				self.open = open.map(|_| output.clone());
			}
			other => {
				return Err(ZkmlError::UnsupportedOperator { node: name, op_type: other.into() })
			}
		}
		self.current = output.clone();
		Ok(())
	}

	fn push_layer(&mut self, node: &str, layer: DenseLayer) -> Result<(), ZkmlError> {
		if let Some(previous) = self.layers.last() {
			if previous.outputs != layer.inputs {
				return Err(ZkmlError::ShapeMismatch {
					node: node.into(),
					reason: format!(
						"takes {} values, the previous layer gives {}",
						layer.inputs, previous.outputs
					),
				});
			}
		}
		self.layers.push(layer);
		Ok(())
	}
}

/// A constant tensor as `f32` values with its dimensions.
struct Tensor32 {
	dims: Vec<usize>,
	values: Vec<f32>,
}

fn tensor_values(tensor: &pb::TensorProto) -> Result<Tensor32, ZkmlError> {
	let bad = |reason: String| ZkmlError::BadTensor { name: tensor.name.clone(), reason };
	if tensor.data_location == Some(pb::tensor_proto::DataLocation::External as i32) {
		return Err(bad(
			"external data is not supported; save the model with embedded weights".into()
		));
	}
	let dims = tensor
		.dims
		.iter()
		.map(|&d| usize::try_from(d).map_err(|_| bad(format!("negative dimension {d}"))))
		.collect::<Result<Vec<_>, _>>()?;
	let count = dims
		.iter()
		.try_fold(1usize, |acc, &d| acc.checked_mul(d))
		.ok_or_else(|| bad("too large".into()))?;
	let values: Vec<f32> = match DataType::try_from(tensor.data_type) {
		Ok(DataType::Float) if !tensor.raw_data.is_empty() => tensor
			.raw_data
			.chunks_exact(4)
			.filter_map(|b| b.try_into().ok().map(f32::from_le_bytes))
			.collect(),
		Ok(DataType::Float) => tensor.float_data.clone(),
		Ok(DataType::Double) if !tensor.raw_data.is_empty() => tensor
			.raw_data
			.chunks_exact(8)
			.filter_map(|b| b.try_into().ok().map(|b| f64::from_le_bytes(b) as f32))
			.collect(),
		Ok(DataType::Double) => tensor.double_data.iter().map(|&v| v as f32).collect(),
		// Reshape's target shape.
		Ok(DataType::Int64) if !tensor.raw_data.is_empty() => tensor
			.raw_data
			.chunks_exact(8)
			.filter_map(|b| b.try_into().ok().map(|b| i64::from_le_bytes(b) as f32))
			.collect(),
		Ok(DataType::Int64) => tensor.int64_data.iter().map(|&v| v as f32).collect(),
		_ => {
			return Err(bad(format!(
				"element type {} is not float, double or int64",
				tensor.data_type
			)))
		}
	};
	if values.len() != count {
		return Err(bad(format!("{} values for shape {dims:?}", values.len())));
	}
	Ok(Tensor32 { dims, values })
}

/// A dense layer `y = alpha · x·W` from a `[in, out]` matrix (`[out, in]` when `transposed`).
fn dense_from_matrix(
	node: &str,
	matrix: &Tensor32,
	transposed: bool,
	alpha: f32,
) -> Result<DenseLayer, ZkmlError> {
	let [rows, cols] = matrix.dims.as_slice() else {
		return Err(ZkmlError::ShapeMismatch {
			node: node.into(),
			reason: format!("weights of shape {:?} are not a matrix", matrix.dims),
		});
	};
	let (inputs, outputs) = if transposed { (*cols, *rows) } else { (*rows, *cols) };
	let mut weights = vec![0f32; matrix.values.len()];
	for (index, value) in matrix.values.iter().enumerate() {
		let (row, col) = (index / cols, index % cols);
		let (input, output) = if transposed { (col, row) } else { (row, col) };
		if let Some(slot) = weights.get_mut(output * inputs + input) {
			*slot = alpha * value;
		}
	}
	Ok(DenseLayer { inputs, outputs, weights, bias: vec![0.0; outputs], relu: false })
}

fn add_bias(
	node: &str,
	layer: &mut DenseLayer,
	bias: &Tensor32,
	scale: f32,
) -> Result<(), ZkmlError> {
	let broadcast_ok = bias.dims.iter().rev().skip(1).all(|&d| d == 1);
	if bias.values.len() != layer.outputs || !broadcast_ok {
		return Err(ZkmlError::ShapeMismatch {
			node: node.into(),
			reason: format!(
				"bias of shape {:?} for a layer of {} outputs",
				bias.dims, layer.outputs
			),
		});
	}
	for (b, v) in layer.bias.iter_mut().zip(&bias.values) {
		*b += scale * v;
	}
	Ok(())
}

fn attribute<'a>(node: &'a pb::NodeProto, name: &str) -> Option<&'a pb::AttributeProto> {
	node.attribute.iter().find(|a| a.name == name)
}

/// The attribute `name` of `node`, read with `value` when it has type `kind` (or no type, as
/// old exporters write).
fn typed_attribute<T>(
	node: &pb::NodeProto,
	name: &str,
	kind: AttributeType,
	value: impl Fn(&pb::AttributeProto) -> T,
) -> Result<Option<T>, ZkmlError> {
	match attribute(node, name) {
		None => Ok(None),
		Some(a) if a.r#type == kind as i32 || a.r#type == 0 => Ok(Some(value(a))),
		Some(_) => Err(ZkmlError::UnsupportedNode {
			node: node.name.clone(),
			reason: format!("attribute {name} is not of type {}", kind.as_str_name()),
		}),
	}
}

fn int_attribute(node: &pb::NodeProto, name: &str) -> Result<Option<i64>, ZkmlError> {
	typed_attribute(node, name, AttributeType::Int, |a| a.i)
}

fn float_attribute(node: &pb::NodeProto, name: &str) -> Result<Option<f32>, ZkmlError> {
	typed_attribute(node, name, AttributeType::Float, |a| a.f)
}

/// Writes a float MLP as an ONNX model (opset 13): one `Gemm` (`transB = 1`) per layer, each
/// followed by `Relu` where the layer has one; input `input` of shape `[1, n]`, output `output`.
pub fn export(model: &FloatModel, name: &str) -> Vec<u8> {
	use tract_onnx::pb::*;
	let value_info = |name: &str, width: usize| ValueInfoProto {
		name: name.into(),
		r#type: Some(TypeProto {
			value: Some(TypeValue::TensorType(type_proto::Tensor {
				elem_type: DataType::Float as i32,
				shape: Some(TensorShapeProto {
					dim: [1, width as i64]
						.iter()
						.map(|&d| tensor_shape_proto::Dimension {
							value: Some(DimensionValue::DimValue(d)),
							..Default::default()
						})
						.collect(),
				}),
			})),
			..Default::default()
		}),
		..Default::default()
	};
	let float_tensor = |name: String, dims: Vec<i64>, values: &[f32]| TensorProto {
		name,
		dims,
		data_type: DataType::Float as i32,
		raw_data: values.iter().flat_map(|v| v.to_le_bytes()).collect(),
		..Default::default()
	};
	let mut nodes = Vec::new();
	let mut initializers = Vec::new();
	let mut current = "input".to_string();
	let last = model.layers.len().saturating_sub(1);
	for (index, layer) in model.layers.iter().enumerate() {
		let (w, b) = (format!("layer{index}.weight"), format!("layer{index}.bias"));
		initializers.push(float_tensor(
			w.clone(),
			vec![layer.outputs as i64, layer.inputs as i64],
			&layer.weights,
		));
		initializers.push(float_tensor(b.clone(), vec![layer.outputs as i64], &layer.bias));
		let gemm_out = if index == last && !layer.relu {
			"output".into()
		} else {
			format!("layer{index}.gemm")
		};
		nodes.push(NodeProto {
			input: vec![current.clone(), w, b],
			output: vec![gemm_out.clone()],
			name: format!("layer{index}.gemm"),
			op_type: "Gemm".into(),
			attribute: vec![AttributeProto {
				name: "transB".into(),
				i: 1,
				r#type: AttributeType::Int as i32,
				..Default::default()
			}],
			..Default::default()
		});
		current = gemm_out;
		if layer.relu {
			let relu_out =
				if index == last { "output".into() } else { format!("layer{index}.relu") };
			nodes.push(NodeProto {
				input: vec![current.clone()],
				output: vec![relu_out.clone()],
				name: format!("layer{index}.relu"),
				op_type: "Relu".into(),
				..Default::default()
			});
			current = relu_out;
		}
	}
	let model_proto = ModelProto {
		ir_version: 8,
		opset_import: vec![OperatorSetIdProto { domain: String::new(), version: 13 }],
		producer_name: "veritas-zkml".into(),
		graph: Some(GraphProto {
			node: nodes,
			name: name.into(),
			initializer: initializers,
			input: vec![value_info("input", model.input_len)],
			output: vec![value_info("output", model.output_len())],
			..Default::default()
		}),
		..Default::default()
	};
	prost::Message::encode_to_vec(&model_proto)
}

/// An ONNX model loaded into tract for float inference, batch size 1.
pub struct FloatRunner {
	plan: std::sync::Arc<TypedRunnableModel>,
	input_len: usize,
}

impl FloatRunner {
	/// Loads and optimises an ONNX file for inputs of `input_len` values.
	pub fn new(onnx: &[u8], input_len: usize) -> Result<Self, ZkmlError> {
		let float = |e: TractError| ZkmlError::Float(format!("{e:#}"));
		let plan = tract_onnx::onnx()
			.model_for_read(&mut &onnx[..])
			.map_err(float)?
			.with_input_fact(0, f32::fact([1, input_len]).into())
			.map_err(float)?
			.into_optimized()
			.map_err(float)?
			.into_runnable()
			.map_err(float)?;
		Ok(Self { plan, input_len })
	}

	/// The model's float output for one input.
	pub fn run(&self, input: &[f32]) -> Result<Vec<f32>, ZkmlError> {
		if input.len() != self.input_len {
			return Err(ZkmlError::InputElements { got: input.len(), expected: self.input_len });
		}
		let float = |e: TractError| ZkmlError::Float(format!("{e:#}"));
		let tensor = Tensor::from_shape(&[1, self.input_len], input).map_err(float)?;
		let outputs = self.plan.run(tvec!(tensor.into())).map_err(float)?;
		let output = outputs.first().ok_or_else(|| ZkmlError::Float("no output".into()))?;
		let view = output.to_plain_array_view::<f32>().map_err(float)?;
		Ok(view.iter().copied().collect())
	}
}
