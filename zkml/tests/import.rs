//! ONNX import and quantisation: what is accepted, and the error for what is not.

#![allow(
	clippy::arithmetic_side_effects,
	clippy::indexing_slicing,
	clippy::unwrap_used,
	clippy::expect_used
)]

use prost::Message;
use tract_onnx::pb;
use veritas_zkml::{
	inference::{decode_input, quantize_input},
	onnx, synthetic, QuantizedModel, ZkmlError,
};

fn exported(widths: &[usize]) -> (veritas_zkml::FloatModel, pb::ModelProto) {
	let model = synthetic::mlp(widths, 3);
	let proto = pb::ModelProto::decode(&onnx::export(&model, "test")[..]).unwrap();
	(model, proto)
}

fn import(proto: &pb::ModelProto) -> Result<veritas_zkml::FloatModel, ZkmlError> {
	onnx::import(&proto.encode_to_vec())
}

#[test]
fn export_then_import_is_the_identity_and_tract_agrees() {
	let (model, proto) = exported(&[12, 9, 7, 4]);
	let imported = import(&proto).unwrap();
	assert_eq!(imported, model);
	let bytes = proto.encode_to_vec();
	let tract = onnx::FloatRunner::new(&bytes, 12).unwrap();
	let input = synthetic::input(12, 1);
	for (a, b) in model.infer(&input).iter().zip(tract.run(&input).unwrap()) {
		assert!((a - b).abs() < 1e-5);
	}
}

#[test]
fn matmul_add_flatten_and_reshape_are_understood() {
	let (model, mut proto) = exported(&[6, 5, 3]);
	let graph = proto.graph.as_mut().unwrap();
	// Gemm(transB=1) of layer 0 → Flatten, MatMul with the transposed weights, Add.
	let layer = &model.layers[0];
	let transposed: Vec<f32> =
		(0..layer.inputs * layer.outputs).map(|i| layer.weights[(i % 5) * 6 + i / 5]).collect();
	graph.initializer.push(pb::TensorProto {
		name: "w0t".into(),
		dims: vec![6, 5],
		data_type: pb::tensor_proto::DataType::Float as i32,
		float_data: transposed,
		..Default::default()
	});
	graph.initializer.push(pb::TensorProto {
		name: "shape".into(),
		dims: vec![2],
		data_type: pb::tensor_proto::DataType::Int64 as i32,
		int64_data: vec![1, -1],
		..Default::default()
	});
	let node = |op: &str, inputs: &[&str], output: &str| pb::NodeProto {
		op_type: op.into(),
		name: output.into(),
		input: inputs.iter().map(|s| s.to_string()).collect(),
		output: vec![output.into()],
		..Default::default()
	};
	let mut nodes = vec![
		node("Flatten", &["input"], "flat"),
		node("Reshape", &["flat", "shape"], "reshaped"),
		node("MatMul", &["reshaped", "w0t"], "mm"),
		node("Add", &["layer0.bias", "mm"], "layer0.gemm"),
	];
	nodes.extend(graph.node.drain(1..));
	graph.node = nodes;
	assert_eq!(import(&proto).unwrap(), model);
}

fn error_of(proto: &pb::ModelProto) -> String {
	import(proto).unwrap_err().to_string()
}

#[test]
fn unsupported_operators_are_named() {
	for op in ["Sigmoid", "Conv", "Softmax"] {
		let (_, mut proto) = exported(&[4, 3, 2]);
		let graph = proto.graph.as_mut().unwrap();
		graph.node[1].op_type = op.into();
		let message = error_of(&proto);
		assert!(
			message.contains(&format!("`{op}`")) && message.contains("layer0.relu"),
			"{message}"
		);
	}
}

#[test]
fn malformed_graphs_get_clear_errors() {
	assert!(matches!(onnx::import(b"not onnx at all"), Err(ZkmlError::OnnxDecode(_))));

	// A weight matrix of the wrong width for the previous layer.
	let (_, mut proto) = exported(&[4, 3, 2]);
	let graph = proto.graph.as_mut().unwrap();
	let w1 = graph.initializer.iter_mut().find(|t| t.name == "layer1.weight").unwrap();
	w1.dims = vec![2, 2];
	w1.raw_data.truncate(4 * 4);
	assert!(error_of(&proto).contains("previous layer gives 3"), "{}", error_of(&proto));

	// A branch: the second Gemm reads the graph input instead of the ReLU.
	let (_, mut proto) = exported(&[4, 3, 2]);
	proto.graph.as_mut().unwrap().node[2].input[0] = "input".into();
	assert!(error_of(&proto).contains("does not consume"), "{}", error_of(&proto));

	// Weights computed at run time rather than stored.
	let (_, mut proto) = exported(&[4, 3, 2]);
	let graph = proto.graph.as_mut().unwrap();
	graph.initializer.retain(|t| t.name != "layer0.weight");
	assert!(
		error_of(&proto).contains("must be a constant initializer")
			|| error_of(&proto).contains("data input")
	);

	// A ReLU on the raw input.
	let (_, mut proto) = exported(&[4, 3, 2]);
	let graph = proto.graph.as_mut().unwrap();
	let relu = pb::NodeProto {
		op_type: "Relu".into(),
		name: "early".into(),
		input: vec!["input".into()],
		output: vec!["relu_in".into()],
		..Default::default()
	};
	graph.node[0].input[0] = "relu_in".into();
	graph.node.insert(0, relu);
	assert!(error_of(&proto).contains("only after a dense layer"));
}

#[test]
fn quantisation_refuses_what_it_cannot_represent() {
	let float = synthetic::mlp(&[4, 16], 1);
	assert!(matches!(
		QuantizedModel::quantize(&float, 8),
		Err(ZkmlError::TooManyOutputs { outputs: 16, max: 15 })
	));
	let mut float = synthetic::mlp(&[4, 3], 1);
	assert!(matches!(QuantizedModel::quantize(&float, 0), Err(ZkmlError::BadScale { .. })));
	assert!(matches!(QuantizedModel::quantize(&float, 17), Err(ZkmlError::BadScale { .. })));
	float.layers[0].weights[2] = 1.0e9;
	assert!(matches!(
		QuantizedModel::quantize(&float, 8),
		Err(ZkmlError::OutOfRange { what: "weight", .. })
	));
	float.layers[0].weights[2] = f32::NAN;
	assert!(veritas_zkml::FloatModel::new(4, float.layers.clone()).is_err());

	// Huge weights compound layer after layer until the values no longer fit.
	let mut huge = synthetic::mlp(&[4, 4, 4, 2], 1);
	for layer in &mut huge.layers {
		layer.weights.iter_mut().for_each(|w| *w = 1.0e6);
	}
	let error = QuantizedModel::quantize(&huge, 8).unwrap_err();
	assert!(matches!(error, ZkmlError::ModelTooLarge { layer: 2, max: 64, .. }), "{error}");

	let model = QuantizedModel::quantize(&synthetic::mlp(&[4, 3], 1), 8).unwrap();
	assert!(matches!(
		quantize_input(&model, &[0.0; 3]),
		Err(ZkmlError::InputElements { got: 3, expected: 4 })
	));
	assert!(matches!(
		quantize_input(&model, &[0.0, 200.0, 0.0, 0.0]),
		Err(ZkmlError::OutOfRange { .. })
	));
	assert!(matches!(
		quantize_input(&model, &[0.0, f32::NAN, 0.0, 0.0]),
		Err(ZkmlError::NotFinite { .. })
	));
	let bytes = quantize_input(&model, &[0.5, -0.25, 1.0, -127.9]).unwrap();
	assert_eq!(decode_input(&model, &bytes).unwrap(), vec![128, -64, 256, -32742]);
	assert!(matches!(
		decode_input(&model, &bytes[1..]),
		Err(ZkmlError::InputLength { got: 7, .. })
	));
}
