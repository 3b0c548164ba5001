package dev.realtime.socketio.contract.autoconfigure;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;

import org.jspecify.annotations.Nullable;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

import org.springframework.aop.scope.ScopedProxyUtils;
import org.springframework.beans.factory.SmartInitializingSingleton;
import org.springframework.context.ApplicationContext;
import org.springframework.util.ClassUtils;

import dev.realtime.socketio.contract.SocketIoContract;
import dev.realtime.socketio.contract.SocketIoContractReader;
import dev.realtime.socketio.contract.asyncapi.AsyncApiInfo;
import dev.realtime.socketio.contract.asyncapi.SocketIoAsyncApiGenerator;
import dev.realtime.socketio.spring.annotation.SocketIoNamespace;
import dev.realtime.socketio.spring.handler.EventArgumentResolver;

/**
 * The AsyncAPI document of the application's {@link SocketIoNamespace @SocketIoNamespace}
 * beans, built once every singleton exists, from the same beans and argument resolvers
 * the annotation handler registrar uses.
 *
 * @since 0.1.0
 */
public class SocketIoAsyncApiDocument implements SmartInitializingSingleton {

	private final ApplicationContext context;

	private final JsonMapper jsonMapper;

	private final AsyncApiInfo info;

	private final List<EventArgumentResolver> customResolvers;

	private @Nullable SocketIoContract contract;

	private @Nullable ObjectNode document;

	/**
	 * Create the document's holder.
	 * @param context the context whose {@code @SocketIoNamespace} beans to describe
	 * @param jsonMapper the application's mapper
	 * @param info the document's title, version and description
	 * @param customResolvers the application's {@link EventArgumentResolver} beans, in
	 * order
	 */
	public SocketIoAsyncApiDocument(ApplicationContext context, JsonMapper jsonMapper, AsyncApiInfo info,
			List<EventArgumentResolver> customResolvers) {
		this.context = Objects.requireNonNull(context, "context");
		this.jsonMapper = Objects.requireNonNull(jsonMapper, "jsonMapper");
		this.info = Objects.requireNonNull(info, "info");
		this.customResolvers = List.copyOf(customResolvers);
	}

	@Override
	public void afterSingletonsInstantiated() {
		List<Class<?>> handlerTypes = new ArrayList<>();
		for (String beanName : this.context.getBeanNamesForAnnotation(SocketIoNamespace.class)) {
			if (ScopedProxyUtils.isScopedTarget(beanName)) {
				continue;
			}
			Class<?> type = this.context.getType(beanName);
			if (type != null) {
				handlerTypes.add(ClassUtils.getUserClass(type));
			}
		}
		SocketIoContract contract = new SocketIoContractReader(this.customResolvers).read(handlerTypes);
		this.contract = contract;
		this.document = new SocketIoAsyncApiGenerator(this.jsonMapper).generate(contract, this.info);
	}

	/**
	 * Return the contract the document describes.
	 * @return the contract
	 * @throws IllegalStateException before the context finished starting
	 */
	public SocketIoContract contract() {
		SocketIoContract contract = this.contract;
		if (contract == null) {
			throw new IllegalStateException("The AsyncAPI document is built once the context has started");
		}
		return contract;
	}

	/**
	 * Return the document as a JSON tree; a copy, free to change.
	 * @return the document
	 * @throws IllegalStateException before the context finished starting
	 */
	public ObjectNode document() {
		ObjectNode document = this.document;
		if (document == null) {
			throw new IllegalStateException("The AsyncAPI document is built once the context has started");
		}
		return document.deepCopy();
	}

	/**
	 * Return the document as maps and lists, as JSON writers take it.
	 * @return the document
	 */
	public Map<String, Object> asMap() {
		return this.jsonMapper.convertValue(document(), new TypeReference<>() {
		});
	}

	/**
	 * Return the document as JSON text.
	 * @return the JSON
	 */
	public String toJson() {
		return this.jsonMapper.writerWithDefaultPrettyPrinter().writeValueAsString(document());
	}

}
